using BlueGreen.Core.Model;
using BlueGreen.Core.State;

namespace BlueGreen.Core.Tests.State;

public sealed class BackupLocationsTests
{
    private const string Bucket = "acme-bluegreen-backups";

    [Fact]
    public void Each_color_writing_its_own_prefix_and_reading_the_others_passes()
    {
        Assert.Empty(BackupLocations.Check(Bucket, Color.Blue, Color.Blue, [new("blue", Bucket, "blue", "ReadWrite"), new("green", Bucket, "green", "ReadOnly")]));
        Assert.Empty(BackupLocations.Check(Bucket, Color.Blue, Color.Green, [new("green", Bucket, "green", "ReadWrite"), new("blue", Bucket, "blue", "ReadOnly")]));
    }

    [Fact]
    public void After_a_leapfrog_green_is_the_source_and_blue_reads_greens_prefix()
    {
        Assert.Empty(BackupLocations.Check(Bucket, Color.Green, Color.Green, [new("green", Bucket, "green", "ReadWrite"), new("blue", Bucket, "blue", "ReadOnly")]));
        Assert.Empty(BackupLocations.Check(Bucket, Color.Green, Color.Blue, [new("blue", Bucket, "blue", "ReadWrite"), new("green", Bucket, "green", "ReadOnly")]));
    }

    [Fact]
    public void A_target_without_a_location_on_the_sources_prefix_is_an_error()
    {
        var problem = Assert.Single(BackupLocations.Check(Bucket, Color.Blue, Color.Green, [new("green", Bucket, "green", "ReadWrite")]));

        Assert.True(problem.IsError);
        Assert.Equal(ProblemCodes.VeleroNoLocation, problem.Code);
    }

    [Fact]
    public void A_location_on_another_bucket_is_no_location()
    {
        var problem = Assert.Single(BackupLocations.Check(Bucket, Color.Blue, Color.Green, [new("blue", "green-only", "blue", "ReadOnly")]));

        Assert.Equal(ProblemCodes.VeleroNoLocation, problem.Code);
    }

    [Fact]
    public void A_target_able_to_write_the_sources_prefix_is_a_warning()
    {
        var problem = Assert.Single(BackupLocations.Check(Bucket, Color.Blue, Color.Green, [new("blue", Bucket, "blue", "ReadWrite")]));

        Assert.False(problem.IsError);
        Assert.Equal(ProblemCodes.VeleroTargetWritable, problem.Code);
    }

    [Fact]
    public void A_source_with_only_a_read_only_location_on_its_prefix_cannot_back_up()
    {
        var problem = Assert.Single(BackupLocations.Check(Bucket, Color.Blue, Color.Blue, [new("blue", Bucket, "blue", "ReadOnly"), new("green", Bucket, "green", "ReadWrite")]));

        Assert.True(problem.IsError);
        Assert.Equal(ProblemCodes.VeleroSourceReadOnly, problem.Code);
    }
}
