using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SourceGen.Kernels.Cli;

/// <summary>A bad argument or input: one line on stderr and exit code 2, never a stack trace.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The command line: <c>denoise</c>, <c>julia</c>, <c>mandelbrot</c>, <c>dilate</c>, <c>softmax</c>, <c>lu</c>,
/// <c>movavg</c>, <c>bench</c>, and with no command the tour on the bundled photo. Exit codes: 0 done, 1 a failure
/// (a generated kernel that differs from the kernel as written, an I/O error while writing), 2 bad arguments or input
/// (and too little memory for them), 130 interrupted by Ctrl-C (nothing half-written is left).
/// </summary>
public static class App
{
    public const int Ok = 0, Failure = 1, BadArguments = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only errors (and --json output)", Recursive = true };
        var root = new RootCommand("SourceGen's seed workloads: annotated C# kernels against the same kernels as written.\nWith no command: the tour on the bundled photo (pictures in out/, a speed table).");
        var photo = new Argument<string?>("photo") { Description = "Photo for the tour (default: the bundled sample)", Arity = ArgumentArity.ZeroOrOne };
        var outDirectory = new Option<string>("--out") { Description = "Folder for the tour's pictures", DefaultValueFactory = _ => "out" };
        var quick = new Option<bool>("--quick") { Description = "Fewer timing repeats, no as-written TV run" };
        Option<double> maxMegapixels = MaxMegapixelsOption();
        root.Add(photo);
        root.Add(outDirectory);
        root.Add(quick);
        root.Add(maxMegapixels);
        root.Add(quiet);
        root.SetAction(parsed => Guard(error, () =>
        {
            string input = parsed.GetValue(photo) ?? Tour.FindSample("samples/coffee_1500x1125_noisy_sigma0.1.png")
                ?? throw new UsageException("the bundled photo samples/coffee_1500x1125_noisy_sigma0.1.png was not found: run from the repository, or pass a photo");
            long limit = Images.PixelLimit(parsed.GetValue(maxMegapixels));
            (byte[] rgb, int width, int height) = Images.ReadRgb24(input, limit);
            string folder = parsed.GetValue(outDirectory)!;
            if (File.Exists(folder))
            {
                throw new UsageException($"--out must be a folder, and '{folder}' is a file");
            }

            Directory.CreateDirectory(folder);
            return Tour.Run(input, rgb, width, height, folder, parsed.GetValue(quick), parsed.GetValue(quiet) ? TextWriter.Null : output, error);
        }));

        foreach (Command command in Workloads.Commands(quiet, output, error))
        {
            root.Add(command);
        }

        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            // One line, whatever the parser's message looks like ("Must be one of:\n\t'cpu'\n\t…").
            string message = string.Join(" ", result.Errors[0].Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            error.WriteLine($"error: {message} (see --help)");
            return BadArguments;
        }

        return result.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>--max-megapixels: the pixel limit of an input image (checked from its header, before decoding).</summary>
    internal static Option<double> MaxMegapixelsOption() => Numbers.Double(
        "--max-megapixels",
        $"Refuse input images of more pixels than this, in millions (default {Images.DefaultMaxMegapixels}: 8000x8000), checked from the header before decoding",
        Images.DefaultMaxMegapixels);

    /// <summary>Running out of memory, however it arrives: directly, inside a parallel loop's AggregateException, or wrapped by a library.</summary>
    internal static bool IsOutOfMemory(Exception? exception) => exception switch
    {
        null => false,
        OutOfMemoryException => true, // and InsufficientMemoryException
        SixLabors.ImageSharp.Memory.InvalidMemoryOperationException => true,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.Any(IsOutOfMemory),
        _ => IsOutOfMemory(exception.InnerException),
    };

    /// <summary>Runs a command: a <see cref="UsageException"/> or too little memory for the arguments is exit code 2, an I/O failure 1, each with one line.</summary>
    internal static int Guard(TextWriter error, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (UsageException exception)
        {
            error.WriteLine($"error: {exception.Message}");
            return BadArguments;
        }
        catch (Exception exception) when (IsOutOfMemory(exception))
        {
            // Sizes the validation allows can still outgrow this machine (julia --size 20000 needs about 10 GB); the
            // [Parallel] kernels' threads report it inside an AggregateException, which once ended the process (134).
            error.WriteLine("error: not enough memory for these arguments on this machine; try a smaller size");
            return BadArguments;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {Images.Reason(exception)}");
            return Failure;
        }
    }

    internal static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
