using BlueGreen.Core.Model;
using BlueGreen.Core.State;

namespace BlueGreen.Core.Tests.State;

public sealed class BackupLocationsTests
{
    private const string Bucket = "acme-bluegreen-backups";

    [Fact]
    public void Blue_writing_and_green_reading_the_same_bucket_passes()
    {
        Assert.Empty(BackupLocations.Check(Bucket, Color.Blue, [new("default", Bucket, "ReadWrite")]));
        Assert.Empty(BackupLocations.Check(Bucket, Color.Green, [new("default", Bucket, "ReadOnly")]));
    }

    [Fact]
    public void A_color_without_a_location_on_the_bucket_is_an_error()
    {
        var problem = Assert.Single(BackupLocations.Check(Bucket, Color.Green, [new("default", "green-only", "ReadWrite")]));

        Assert.True(problem.IsError);
        Assert.Equal(ProblemCodes.VeleroNoLocation, problem.Code);
    }

    [Fact]
    public void Green_able_to_write_the_bucket_is_a_warning()
    {
        var problem = Assert.Single(BackupLocations.Check(Bucket, Color.Green, [new("default", Bucket, "ReadWrite")]));

        Assert.False(problem.IsError);
        Assert.Equal(ProblemCodes.VeleroTargetWritable, problem.Code);
    }

    [Fact]
    public void Blue_with_only_a_read_only_location_cannot_back_up()
    {
        var problem = Assert.Single(BackupLocations.Check(Bucket, Color.Blue, [new("default", Bucket, "ReadOnly")]));

        Assert.True(problem.IsError);
        Assert.Equal(ProblemCodes.VeleroSourceReadOnly, problem.Code);
    }
}
