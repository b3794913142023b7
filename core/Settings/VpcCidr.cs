using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using BlueGreen.Core.Model;

namespace BlueGreen.Core.Settings;

/// <summary>
/// The IPv4 block of a VPC to create, /16 (the largest VPC AWS allows) to /24 (the smallest that still splits into the
/// four subnets a cluster needs). Only <see cref="TryParse"/> builds one, so a value that exists is one AWS accepts.
/// </summary>
public sealed record VpcCidr
{
    private VpcCidr(IPNetwork network) => Network = network;

    public IPNetwork Network { get; }

    /// <param name="error">The problem's code and message when <paramref name="text"/> is not such a block.</param>
    public static bool TryParse(string text, [NotNullWhen(true)] out VpcCidr? cidr, out (string Code, string Message) error)
    {
        cidr = null;
        if (!IPNetwork.TryParse(text, out var network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            error = (ProblemCodes.BadFormat, "is not an IPv4 network in CIDR notation such as 10.40.0.0/16 (host bits must be zero)");
            return false;
        }

        if (network.PrefixLength is < 16 or > 24)
        {
            error = (ProblemCodes.NetworkCidrPrefix, "must have a prefix from /16 (the largest VPC AWS allows) to /24 (room for four subnets)");
            return false;
        }

        (cidr, error) = (new VpcCidr(network), default);
        return true;
    }

    public override string ToString() => Network.ToString();
}
