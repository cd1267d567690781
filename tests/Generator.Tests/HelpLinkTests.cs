using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using SourceGen.Generator.Diagnostics;
using SourceGen.Generator.Model;
using Xunit;

namespace SourceGen.Generator.Tests;

/// <summary>
/// Every diagnostic has a page under docs/diagnostics (shipped in the package), every page a diagnostic, and a help
/// link, where there is one, leads to its page in the repository Directory.Build.props names: none while it names none.
/// </summary>
public sealed class HelpLinkTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SourceGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SourceGen.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Every descriptor the generator declares (the static fields), not only those the analyzer lists.</summary>
    private static List<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

    private static string Property(string name) =>
        XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants(name).FirstOrDefault()?.Value.Trim() ?? "";

    [Fact]
    public void EveryDescriptor_IsSupportedByTheAnalyzer_AndHasAPage()
    {
        List<DiagnosticDescriptor> descriptors = Descriptors();
        Assert.True(descriptors.Count >= 27, $"only {descriptors.Count} descriptors found");
        var supported = new KernelAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet();
        foreach (DiagnosticDescriptor descriptor in descriptors)
        {
            Assert.Contains(descriptor.Id, supported);
            Assert.True(File.Exists(Path.Combine(Root, "docs", "diagnostics", descriptor.Id + ".md")), $"{descriptor.Id} has no page docs/diagnostics/{descriptor.Id}.md");
            string page = File.ReadAllText(Path.Combine(Root, "docs", "diagnostics", descriptor.Id + ".md"));
            Assert.StartsWith($"# {descriptor.Id}: ", page);
        }
    }

    [Fact]
    public void EveryPage_HasADescriptor_AndIsListed()
    {
        var ids = Descriptors().Select(d => d.Id).ToHashSet();
        string[] pages = Directory.GetFiles(Path.Combine(Root, "docs", "diagnostics"), "SG*.md").Select(p => Path.GetFileNameWithoutExtension(p)).ToArray();
        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.True(ids.Contains(page), $"docs/diagnostics/{page}.md describes no diagnostic the generator declares"));

        // The index and the package's readme list every diagnostic.
        string index = File.ReadAllText(Path.Combine(Root, "docs", "diagnostics", "README.md"));
        string package = File.ReadAllText(Path.Combine(Root, "src", "Runtime", "PACKAGE.md"));
        foreach (string id in ids)
        {
            Assert.Contains($"| {id} |", index);
            Assert.Contains($"| {id} |", package);
        }
    }

    [Fact]
    public void HelpLinks_LeadOnlyToPagesInTheConfiguredRepository()
    {
        string repository = Property("RepositoryUrl").TrimEnd('/');
        string branch = Property("SourceGenDocsBranch");
        foreach (DiagnosticDescriptor descriptor in Descriptors())
        {
            // No repository: no link (an invented address would lead nowhere). A repository: the page there, which exists here.
            string expected = repository.Length == 0 ? "" : $"{repository}/blob/{branch}/docs/diagnostics/{descriptor.Id}.md";
            Assert.Equal(expected, descriptor.HelpLinkUri);
            if (descriptor.HelpLinkUri.Length > 0)
            {
                Match page = Regex.Match(descriptor.HelpLinkUri, @"/docs/diagnostics/(SG\d{4})\.md$");
                Assert.True(page.Success && page.Groups[1].Value == descriptor.Id, descriptor.HelpLinkUri);
            }
        }
    }

    [Fact]
    public void GeneratedCode_CarriesTheGeneratorsVersion()
    {
        // The version the build stamped (Directory.Build.props' Version, or dotnet pack -p:Version=), not a literal.
        string informational = typeof(SourceGenGenerator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(informational.Split('+')[0], Emitting.GeneratedFile.ToolVersion);
        Assert.Equal(Property("Version"), Emitting.GeneratedFile.ToolVersion);

        Harness.GeneratorHarness.BuildResult result = Harness.GeneratorHarness.Build("""
            using System;
            using SourceGen;
            public static partial class K
            {
                static float Twice(float x) => 2 * x;
                [Vectorize(nameof(Twice))] public static partial void Twice(ReadOnlySpan<float> x, Span<float> destination);
            }
            """);
        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"SourceGen\", \"{Emitting.GeneratedFile.ToolVersion}\")]", result.Generated("K.Twice"));
    }
}
