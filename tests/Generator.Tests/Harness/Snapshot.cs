using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit;

namespace SourceGen.Generator.Tests.Harness;

/// <summary>
/// Snapshot testing of generated code: the text must equal <c>Snapshots/{name}.verified.cs</c> beside the tests.
/// On a mismatch the new text is written to <c>{name}.received.cs</c> and the test fails with a unified diff.
/// Accept deliberately: review the diff, then copy received over verified (or run the tests once with
/// SOURCEGEN_ACCEPT=1 locally; never in CI).
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        string normalized = Normalize(actual);
        string verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : "";

        if (verified == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable("SOURCEGEN_ACCEPT") == "1" && Environment.GetEnvironmentVariable("CI") is null)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(receivedPath, normalized);
        Assert.Fail(
            $"Generated code differs from {Path.GetFileName(verifiedPath)}" + (File.Exists(verifiedPath) ? "" : " (no verified file yet)") + ".\n" +
            $"Review the diff; to accept: cp '{receivedPath}' '{verifiedPath}'\n\n" + UnifiedDiff(verified, normalized));
    }

    /// <summary>Line endings and the tool version do not count as changes.</summary>
    private static string Normalize(string text) =>
        text.Replace("\r\n", "\n").Replace("\"SourceGen\", \"" + SourceGen.Generator.Emitting.VectorizeEmitter.ToolVersion + "\"", "\"SourceGen\", \"{version}\"").TrimStart('\uFEFF');

    private static string UnifiedDiff(string expected, string actual)
    {
        var diff = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var text = new StringBuilder();
        int unchangedRun = 0;
        foreach (DiffPiece line in diff.Lines)
        {
            switch (line.Type)
            {
                case ChangeType.Inserted:
                    text.Append("+ ").AppendLine(line.Text);
                    unchangedRun = 0;
                    break;
                case ChangeType.Deleted:
                    text.Append("- ").AppendLine(line.Text);
                    unchangedRun = 0;
                    break;
                default:
                    if (++unchangedRun <= 2)
                    {
                        text.Append("  ").AppendLine(line.Text);
                    }
                    else if (unchangedRun == 3)
                    {
                        text.AppendLine("  ...");
                    }

                    break;
            }
        }

        return text.ToString();
    }
}
