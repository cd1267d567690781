using System;
using SourceGen.Differential.Tests.Harness;
using Xunit;

namespace SourceGen.Differential.Tests;

/// <summary>
/// CI runs this assembly once per vector width (see .ci/run); SOURCEGEN_EXPECT_PATH says which path the run
/// must take, so a runtime knob that silently stops working cannot make the 256- and 128-bit runs test 512.
/// </summary>
public sealed class VectorPathTests
{
    [Fact]
    public void RunsOnTheExpectedPath()
    {
        string? expected = Environment.GetEnvironmentVariable("SOURCEGEN_EXPECT_PATH");
        if (string.IsNullOrEmpty(expected))
        {
            return;
        }

        Assert.Equal(expected, Check.Width());
    }
}
