using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using SourceGen.Kernels.Cli;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace SourceGen.Kernels.Tests;

/// <summary>Each command on tiny inputs (output, exit code), every bad input (one line, exit code 2, nothing written), the --json schema.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sourcegen-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = App.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A small noisy RGB (or grey) PNG: a bright square on a dark background.</summary>
    internal string NoisyPng(string name, int width, int height, bool grey = false)
    {
        var random = new Random(3);
        int channels = grey ? 1 : 3;
        byte[] data = new byte[width * height * channels];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool inside = x > width / 4 && x < 3 * width / 4 && y > height / 4 && y < 3 * height / 4;
                for (int c = 0; c < channels; c++)
                {
                    data[(y * width + x) * channels + c] = (byte)Math.Clamp((inside ? 200 : 50) + random.Next(-40, 41), 0, 255);
                }
            }
        }

        string path = PathOf(name);
        if (grey)
        {
            Image.LoadPixelData<L8>(data, width, height).SaveAsPng(path);
        }
        else
        {
            Image.LoadPixelData<Rgb24>(data, width, height).SaveAsPng(path);
        }

        return path;
    }

    /// <summary>A PNG's samples, interleaved: one byte a pixel (grey) or three (RGB).</summary>
    private static (byte[] Data, int Width, int Height) ReadPng(string path, bool grey)
    {
        if (grey)
        {
            using Image<L8> image = Image.Load<L8>(path);
            byte[] data = new byte[image.Width * image.Height];
            image.CopyPixelDataTo(data);
            return (data, image.Width, image.Height);
        }

        using Image<Rgb24> rgb = Image.Load<Rgb24>(path);
        byte[] bytes = new byte[3 * rgb.Width * rgb.Height];
        rgb.CopyPixelDataTo(bytes);
        return (bytes, rgb.Width, rgb.Height);
    }

    [Theory]
    [InlineData("julia")]
    [InlineData("mandelbrot")]
    public void Fractals_WriteAColourPngOfTheRequestedSize(string command)
    {
        string path = PathOf(command + ".png");
        (int code, string output, string error) = Run(command, path, "--size", "24", "--maxiter", "50");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains($"wrote {path}", output);
        IImageInfo info = Image.Identify(path);
        Assert.Equal((24, 24), (info.Width, info.Height));
        Assert.Equal(SixLabors.ImageSharp.Formats.Png.PngColorType.Rgb, info.Metadata.GetPngMetadata().ColorType);
    }

    [Fact]
    public void Denoise_KeepsSizeAndChannels_AndSmooths()
    {
        string input = NoisyPng("noisy.png", 33, 21);
        foreach (string[] options in new[] { new[] { "--target", "parallel" }, new[] { "--target", "cpu", "--precision", "double" }, new[] { "--target", "gpu" } })
        {
            string path = PathOf("denoised.png");
            (int code, string output, _) = Run(new[] { "denoise", input, path, "--weight", "0.2" }.Concat(options).ToArray());
            Assert.Equal(0, code);
            Assert.Contains("33x21 RGB 8-bit", output);
            var before = ReadPng(input, grey: false);
            var after = ReadPng(path, grey: false);
            Assert.Equal((33, 21), (after.Width, after.Height));
            Assert.True(Roughness(after.Data) < Roughness(before.Data) / 2, "denoising smooths the noise");
        }
    }

    private static double Roughness(byte[] rgb) => Enumerable.Range(3, rgb.Length - 3).Average(i => Math.Abs(rgb[i] - rgb[i - 3]));

    [Fact]
    public void Denoise_SixteenBitGrey_StaysSixteenBitGrey()
    {
        var planes = new[] { Enumerable.Range(0, 20 * 10).Select(i => (i % 7) / 7f).ToArray() };
        string input = PathOf("grey16.png"), output = PathOf("grey16-out.png");
        Images.Write(new Picture(20, 10, 16, planes), input);
        Picture roundTrip = Images.Read(input, 1_000_000);
        Assert.Equal((20, 10, 16, 1), (roundTrip.Width, roundTrip.Height, roundTrip.BitDepth, roundTrip.Channels));
        Assert.Equal(planes[0].Select(v => MathF.Round(v * 65535)), roundTrip.Planes[0].Select(v => MathF.Round(v * 65535)));

        Assert.Equal(0, Run("denoise", input, output).Code);
        Picture denoised = Images.Read(output, 1_000_000);
        Assert.Equal((20, 10, 16, 1), (denoised.Width, denoised.Height, denoised.BitDepth, denoised.Channels));
    }

    [Fact]
    public void Dilate_IsTheMaximumOverTheWindow()
    {
        string input = NoisyPng("grey.png", 17, 13, grey: true), output = PathOf("dilated.png");
        Assert.Equal(0, Run("dilate", input, output, "--size", "3").Code);
        byte[] before = ReadPng(input, grey: true).Data, after = ReadPng(output, grey: true).Data;
        for (int y = 0; y < 13; y++)
        {
            for (int x = 0; x < 17; x++)
            {
                int expected = 0;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        expected = Math.Max(expected, before[Math.Clamp(y + dy, 0, 12) * 17 + Math.Clamp(x + dx, 0, 16)]);
                    }
                }

                Assert.Equal(expected, after[y * 17 + x]);
            }
        }
    }

    [Theory]
    [InlineData("softmax", "--n", "1000", "max relative difference")]
    [InlineData("lu", "--n", "40", "0 factors differ")]
    [InlineData("movavg", "--rows", "7", "0 values differ")]
    public void Workloads_EqualTheKernelAsWritten(string command, string option, string value, string check)
    {
        (int code, string output, string error) = Run(command, option, value);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains(check, output);
        Assert.Equal(1, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Quiet_PrintsNothing()
    {
        (int code, string output, string error) = Run("lu", "--n", "8", "--quiet");
        Assert.Equal((0, "", ""), (code, output, error));
    }

    [Fact]
    public void BenchJson_HasOneRowPerWorkload_WithEveryForm()
    {
        (int code, string output, _) = Run("bench", "--quick", "--json");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal("ms", root.GetProperty("unit").GetString());
        Assert.True(root.GetProperty("machine").GetProperty("processors").GetInt32() >= 1);
        JsonElement[] rows = root.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(7, rows.Length);
        foreach (JsonElement row in rows)
        {
            Assert.False(string.IsNullOrEmpty(row.GetProperty("workload").GetString()));
            Assert.True(row.GetProperty("as_written").GetDouble() > 0);
            foreach (string form in new[] { "generated_cpu", "generated_parallel", "hand_written", "speedup_cpu", "speedup_parallel" })
            {
                JsonElement value = row.GetProperty(form);
                Assert.True(value.ValueKind is JsonValueKind.Number or JsonValueKind.Null, $"{form} is a number or null");
            }
        }

        Assert.Contains(rows, row => row.GetProperty("hand_written_name").GetString() == "TensorPrimitives.SoftMax");
    }

    [Fact]
    public void Tour_OnATinyPhoto_WritesItsPictures()
    {
        string photo = NoisyPng("tiny.png", 40, 30), folder = Path.Combine(_folder, "out");
        (int code, string output, string error) = Run(photo, "--out", folder, "--quick");
        Assert.True(code == 0, error);
        foreach (string picture in new[] { "coffee_denoised_tv.png", "coffee_tv_before_after.jpg", "julia.png" })
        {
            Assert.True(File.Exists(Path.Combine(folder, picture)), picture);
        }

        Assert.Contains("speedup", output);
    }

    [Fact]
    public void DenoiseOnAGpu_ThatIsMissing_IsOneLine_ExitCode2_NothingWritten()
    {
        SourceGen.Gpu.GpuRuntime.Preference = SourceGen.Gpu.GpuPreference.Cuda;
        try
        {
            if (SourceGen.Gpu.GpuRuntime.TryGetAccelerator(out _))
            {
                return; // this machine has a CUDA device
            }
        }
        catch (SourceGen.Gpu.GpuUnavailableException)
        {
        }

        try
        {
            string input = NoisyPng("ok.png", 8, 8);
            (int code, string output, string error) = Run("denoise", input, PathOf("out.png"), "--target", "gpu");
            Assert.Equal(2, code);
            Assert.StartsWith("error: SOURCEGEN_GPU/GpuRuntime.Preference asks for Cuda, but this machine has no such device", error);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal("", output);
            Assert.False(File.Exists(PathOf("out.png")), "nothing written");
        }
        finally
        {
            SourceGen.Gpu.GpuRuntime.Preference = SourceGen.Gpu.GpuPreference.Auto;
        }
    }

    /// <summary>
    /// The CLI in a process of its own (what cannot be set in this one: a heap limit, a runtime feature switch), with
    /// its runtimeconfig.json's properties plus <paramref name="properties"/>; a hang guard of two minutes.
    /// </summary>
    private (int Code, string Output, string Error) RunProcess(IDictionary<string, string> environment, IDictionary<string, bool> properties, params string[] args)
    {
        string directory = AppContext.BaseDirectory;
        JsonNode config = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "SourceGen.Kernels.runtimeconfig.json")))!;
        JsonObject options = config["runtimeOptions"]!.AsObject();
        JsonObject configProperties = options["configProperties"] as JsonObject ?? new JsonObject();
        options["configProperties"] = configProperties;
        foreach ((string name, bool value) in properties)
        {
            configProperties[name] = value;
        }

        string runtimeConfig = PathOf("cli.runtimeconfig.json");
        File.WriteAllText(runtimeConfig, config.ToJsonString());
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        foreach (string argument in new[] { "exec", "--runtimeconfig", runtimeConfig, Path.Combine(directory, "SourceGen.Kernels.dll") }.Concat(args))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("SOURCEGEN_GPU");
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the CLI finished within two minutes");
        return (process.ExitCode, output, error.Result);
    }

    [Fact]
    public void Julia_LargerThanMemoryAllows_IsOneLine_ExitCode2_NothingWritten()
    {
        // --size 16384 is 2.1 GB per coordinate array (over 2 GiB: it once failed in the runtime's pinning); with the
        // heap held to 256 MB the allocation fails as on a machine too small for it.
        string destination = PathOf("big.png");
        (int code, string output, string error) = RunProcess(
            new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" },
            new Dictionary<string, bool>(),
            "julia", destination, "--size", "16384");
        Assert.Equal(2, code);
        Assert.Equal("error: not enough memory for these arguments on this machine; try a smaller size", error.TrimEnd());
        Assert.Equal("", output);
        Assert.False(File.Exists(destination), "nothing written");
    }

    [Fact]
    public void GpuTarget_WithoutDynamicCode_RunsTheCpuPath_OrSaysWhyInOneLine()
    {
        // NativeAOT has no dynamic code, and ILGPU's type initializers then throw; the runtime feature switch gives a JIT
        // process the same condition (it made ILGPU.Context's initializer throw before the runtime checked for it).
        var noDynamicCode = new Dictionary<string, bool> { ["System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported"] = false };
        (int code, string output, string error) = RunProcess(new Dictionary<string, string>(), noDynamicCode, "julia", PathOf("auto.png"), "--size", "40", "--target", "gpu");
        Assert.True(code == 0, error);
        Assert.Equal("", error);
        Assert.Contains("SourceGen: ILGPU needs dynamic code, which this process does not have (NativeAOT); Target.Gpu entry points run their CPU code", output);
        Assert.Contains("gpu (CPU path)", output);
        Assert.True(File.Exists(PathOf("auto.png")));

        // An explicit device: the one-line error of a missing one, not a stack trace.
        (code, output, error) = RunProcess(new Dictionary<string, string> { ["SOURCEGEN_GPU"] = "cpu" }, noDynamicCode, "julia", PathOf("cpu.png"), "--size", "40", "--target", "gpu");
        Assert.Equal(2, code);
        Assert.Equal("error: SOURCEGEN_GPU/GpuRuntime.Preference asks for Cpu, but ILGPU needs dynamic code, which this process does not have (NativeAOT).", error.TrimEnd());
        Assert.False(File.Exists(PathOf("cpu.png")), "nothing written");
    }

    [Theory]
    [InlineData("input file not found: ", "denoise", "{folder}/missing.png", "{folder}/out.png")]
    [InlineData("garbage.png': not an image in a format this program reads (PNG, JPEG, TIFF, BMP, GIF, WebP)", "denoise", "{folder}/garbage.png", "{folder}/out.png")]
    [InlineData("--weight must be a positive number, got -0.5", "denoise", "{folder}/ok.png", "{folder}/out.png", "--weight", "-0.5")]
    [InlineData("--iterations must be at least 1", "denoise", "{folder}/ok.png", "{folder}/out.png", "--iterations", "0")]
    [InlineData("Argument 'tpu' not recognized", "denoise", "{folder}/ok.png", "{folder}/out.png", "--target", "tpu")]
    [InlineData("output folder does not exist", "denoise", "{folder}/ok.png", "{folder}/nowhere/out.png")]
    [InlineData("unsupported output format '.bmp'", "denoise", "{folder}/ok.png", "{folder}/out.bmp")]
    [InlineData("--size must be between 1 and 20000, got 0", "julia", "{folder}/out.png", "--size", "0")]
    [InlineData("--c must be 're,im'", "julia", "{folder}/out.png", "--c", "1")]
    [InlineData("--size must be an odd number", "dilate", "{folder}/ok.png", "{folder}/out.png", "--size", "4")]
    [InlineData("--n must be at least 1", "softmax", "--n", "0")]
    [InlineData("Unrecognized command or argument '--frobnicate'", "lu", "--frobnicate")]
    [InlineData("--n must be a whole number from -2147483648 to 2147483647, got 'many'", "lu", "--n", "many")]
    public void BadInput_IsOneLine_ExitCode2_NothingWritten(string message, params string[] args)
    {
        NoisyPng("ok.png", 8, 8);
        File.WriteAllText(PathOf("garbage.png"), "not an image");
        string[] resolved = args.Select(a => a.Replace("{folder}", _folder)).ToArray();
        (int code, string output, string error) = Run(resolved);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.StartsWith("error: ", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", error);
        Assert.Empty(Directory.GetFiles(_folder, "out*"));
        Assert.Equal("", output);
    }
}
