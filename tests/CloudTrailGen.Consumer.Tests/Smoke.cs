using Xunit;

namespace CloudTrailGen.Consumer.Tests;

public class Smoke
{
    [Fact]
    public void Compiles() => Assert.NotNull(My.Ct.CloudTrailJsonContext.Default.CloudTrailRecord);
}
