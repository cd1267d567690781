using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SourceGen.Kernels.Cli;
using Xunit;

namespace SourceGen.Kernels.Tests;

/// <summary>
/// Image input and output through ImageSharp: every format read, 16-bit kept, hostile files (generated here, not
/// committed) refused in one line with exit code 2 and nothing written, the pixel limit, culture-invariant numbers,
/// temporary files, out of memory, the colour map.
/// </summary>
public sealed class ImageInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sourcegen-images-").FullName;

    public void Dispose()
    {
        AtomicFile.Reset();
        Directory.Delete(_folder, recursive: true);
    }

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = App.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A 16-bit colour test picture whose samples use all 16 bits (no two neighbours equal in the low byte).</summary>
    private static Image<Rgb48> Picture16(int width, int height)
    {
        var image = new Image<Rgb48>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                image[x, y] = new Rgb48((ushort)(x * 2311 + y * 7 + 1), (ushort)(65535 - y * 997 - x), (ushort)((x * y * 131) ^ 0x5A5A));
            }
        }

        return image;
    }

    private static Image<Rgb24> Picture8(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                image[x, y] = new Rgb24((byte)(x * 9), (byte)(y * 13), (byte)((x + y) * 5));
            }
        }

        return image;
    }

    private string Save(Image image, string name, IImageEncoder encoder)
    {
        string path = PathOf(name);
        image.Save(path, encoder);
        return path;
    }

    /// <summary>A bad input: one line on stderr naming the file, readable (no control characters), exit code 2, nothing written, no output.</summary>
    private void AssertRefused((int Code, string Output, string Error) result, string file, string? reason = null)
    {
        Assert.True(result.Code == 2, $"exit code {result.Code}: {result.Error}");
        Assert.StartsWith("error: ", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(Path.GetFileName(file), result.Error);
        Assert.DoesNotContain(result.Error.TrimEnd(), c => char.IsControl(c));
        Assert.DoesNotContain("   at ", result.Error);
        if (reason is not null)
        {
            Assert.Contains(reason, result.Error);
        }

        Assert.Equal("", result.Output);
        Assert.Empty(Directory.GetFiles(_folder, "out*"));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void SixteenBitPng_RoundTripsExactly_InterlacedOrNot(bool interlaced, bool grey)
    {
        using Image<Rgb48> colour = Picture16(37, 23);
        using Image<L16> luminance = colour.CloneAs<L16>();
        var encoder = new PngEncoder
        {
            BitDepth = PngBitDepth.Bit16,
            ColorType = grey ? PngColorType.Grayscale : PngColorType.Rgb,
            InterlaceMethod = interlaced ? PngInterlaceMode.Adam7 : PngInterlaceMode.None,
        };
        string input = grey ? Save(luminance, "in16.png", encoder) : Save(colour, "in16.png", encoder);
        Assert.Equal(interlaced ? PngInterlaceMode.Adam7 : PngInterlaceMode.None, Image.Identify(input).Metadata.GetPngMetadata().InterlaceMethod);

        // A 1x1 dilation is the identity: what comes out must be what went in, all 16 bits of it.
        string output = PathOf("out.png");
        (int code, string text, string error) = Run("dilate", input, output, "--size", "1");
        Assert.True(code == 0, error);
        Assert.Contains(grey ? "37x23 grey 16-bit" : "37x23 RGB 16-bit", text);
        PngMetadata written = Image.Identify(output).Metadata.GetPngMetadata();
        Assert.Equal(PngBitDepth.Bit16, written.BitDepth);
        Assert.Equal(grey ? PngColorType.Grayscale : PngColorType.Rgb, written.ColorType);
        if (grey)
        {
            using Image<L16> before = Image.Load<L16>(input), after = Image.Load<L16>(output);
            Assert.Equal(Pixels(before), Pixels(after));
        }
        else
        {
            using Image<Rgb48> before = Image.Load<Rgb48>(input), after = Image.Load<Rgb48>(output);
            Assert.Equal(Pixels(before), Pixels(after));
        }

        // Denoising keeps the depth too.
        File.Delete(output);
        Assert.Equal(0, Run("denoise", input, output, "--iterations", "3").Code);
        Assert.Equal(PngBitDepth.Bit16, Image.Identify(output).Metadata.GetPngMetadata().BitDepth);
    }

    private static TPixel[] Pixels<TPixel>(Image<TPixel> image)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        var pixels = new TPixel[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }

    public static TheoryData<string, string> Formats() => new()
    {
        { "jpeg", ".jpg" }, { "tiff", ".tif" }, { "bmp", ".bmp" }, { "webp", ".webp" }, { "gif", ".gif" }, { "png8", ".png" },
    };

    private static IImageEncoder Encoder(string format) => format switch
    {
        "jpeg" => new JpegEncoder { Quality = 85 },
        "tiff" => new TiffEncoder(),
        "bmp" => new BmpEncoder(),
        "webp" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
        "gif" => new GifEncoder(),
        _ => new PngEncoder { BitDepth = PngBitDepth.Bit8, ColorType = PngColorType.Rgb },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryInputFormat_IsRead_AsImageSharpDecodesIt(string format, string extension)
    {
        using Image<Rgb24> picture = Picture8(41, 29);
        string input = Save(picture, "in" + extension, Encoder(format));
        string output = PathOf("out.png");
        (int code, string text, string error) = Run("dilate", input, output, "--size", "1");
        Assert.True(code == 0, error);
        Assert.Contains("41x29 RGB 8-bit", text);
        using Image<Rgb24> expected = Image.Load<Rgb24>(input), actual = Image.Load<Rgb24>(output);
        Assert.Equal(Pixels(expected), Pixels(actual));
        if (format is "tiff" or "bmp" or "webp" or "png8")
        {
            Assert.Equal(Pixels(picture), Pixels(actual)); // lossless formats: the picture itself
        }
    }

    [Fact]
    public void GreyJpeg_StaysGrey_AndJpegIsWritten()
    {
        using Image<L8> grey = Picture8(30, 20).CloneAs<L8>();
        string input = Save(grey, "grey.jpg", new JpegEncoder { ColorType = JpegColorType.Luminance });
        (int code, string text, string error) = Run("dilate", input, PathOf("out.jpg"), "--size", "3");
        Assert.True(code == 0, error);
        Assert.Contains("30x20 grey 8-bit", text);
        Assert.Equal(JpegColorType.Luminance, Image.Identify(PathOf("out.jpg")).Metadata.GetJpegMetadata().ColorType);
    }

    public static TheoryData<string, double> Truncations() => new()
    {
        { "png16i", 0.6 }, { "png16i", 0.99 }, { "png8", 0.5 }, { "png8", 0.95 }, { "png8", 0.9999 },
        { "jpeg", 0.3 }, { "jpeg", 0.6 }, { "jpeg", 0.9 }, { "jpeg", 0.999 },
        { "bmp", 0.5 }, { "bmp", 0.99 }, { "gif", 0.5 }, { "gif", 0.99 }, { "tiff", 0.5 }, { "webp", 0.5 }, { "webp", 0.99 },
    };

    /// <summary>Truncated files: ImageSharp alone decodes most silently and hangs on a truncated interlaced PNG.</summary>
    [Theory]
    [MemberData(nameof(Truncations))]
    public async System.Threading.Tasks.Task TruncatedFile_IsOneLine_ExitCode2_NothingWritten(string format, double kept)
    {
        byte[] whole = Encode(format);
        string input = PathOf("cut.img");
        File.WriteAllBytes(input, whole.AsSpan(0, (int)(whole.Length * kept)).ToArray());
        var run = System.Threading.Tasks.Task.Run(() => Run("denoise", input, PathOf("out.png"), "--iterations", "2"));
        // ImageSharp 2.1 alone loops forever on a truncated interlaced PNG: a minute is far more than an answer takes.
        AssertRefused(await run.WaitAsync(TimeSpan.FromSeconds(60)), input);
    }

    private static byte[] Encode(string format)
    {
        var stream = new MemoryStream();
        if (format == "png16i")
        {
            using Image<Rgb48> picture = Picture16(120, 80);
            picture.Save(stream, new PngEncoder { BitDepth = PngBitDepth.Bit16, InterlaceMethod = PngInterlaceMode.Adam7 });
        }
        else
        {
            using Image<Rgb24> picture = Picture8(120, 80);
            var random = new Random(7);
            picture.ProcessPixelRows(rows =>
            {
                for (int y = 0; y < rows.Height; y++)
                {
                    foreach (ref Rgb24 pixel in rows.GetRowSpan(y))
                    {
                        pixel.R ^= (byte)random.Next(64); // noise, so the entropy-coded data is not trivially short
                    }
                }
            });
            picture.Save(stream, Encoder(format));
        }

        return stream.ToArray();
    }

    /// <summary>Corrupted JPEGs (random bytes over part of the image data, a few seeds): libjpeg says "Corrupt JPEG data", ImageSharp said nothing.</summary>
    [Theory]
    [InlineData(1, 0.5, 64)]
    [InlineData(2, 0.3, 16)]
    [InlineData(3, 0.7, 200)]
    [InlineData(4, 0.9, 8)]
    [InlineData(5, 0.4, 32)]
    public void CorruptedJpeg_IsOneLine_ExitCode2(int seed, double where, int count)
    {
        byte[] bytes = Encode("jpeg");
        var random = new Random(seed);
        int start = (int)(bytes.Length * where);
        for (int i = start; i < start + count; i++)
        {
            bytes[i] = (byte)(bytes[i] ^ (1 + random.Next(255)));
        }

        string input = PathOf("corrupt.jpg");
        File.WriteAllBytes(input, bytes);
        AssertRefused(Run("denoise", input, PathOf("out.png")), input, "JPEG");
    }

    [Fact]
    public void CorruptedPng_NamesTheChunk_WithoutControlCharacters()
    {
        byte[] bytes = Encode("png8");
        bytes[IndexOf(bytes, "IDAT"u8) + 20] ^= 0x55; // inside IDAT: the CRC no longer matches
        string input = PathOf("crc.png");
        File.WriteAllBytes(input, bytes);
        AssertRefused(Run("dilate", input, PathOf("out.png")), input, "IDAT chunk is corrupt");

        // A chunk type of NUL bytes once printed as NULs: now as \x00.
        bytes = Encode("png8");
        int idat = IndexOf(bytes, "IDAT"u8);
        bytes.AsSpan(idat, 4).Clear();
        File.WriteAllBytes(input, bytes);
        AssertRefused(Run("dilate", input, PathOf("out.png")), input, @"corrupt PNG chunk type '\x00\x00\x00\x00'");
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> what) => bytes.AsSpan().IndexOf(what);

    [Fact]
    public void HostileInputs_AreOneLine_ExitCode2_NothingWritten()
    {
        string text = PathOf("text.png");
        File.WriteAllText(text, "this is a text file, not a PNG\n");
        AssertRefused(Run("denoise", text, PathOf("out.png")), text, "not an image in a format this program reads");

        string folder = PathOf("folder.png");
        Directory.CreateDirectory(folder);
        AssertRefused(Run("denoise", folder, PathOf("out.png")), folder, "is a folder, not an image");

        string missing = PathOf("missing.png");
        AssertRefused(Run("dilate", missing, PathOf("out.png")), missing, "input file not found");

        // TGA (ImageSharp reads it, this program does not: no signature to check) and a PDF: unsupported formats.
        using Image<Rgb24> picture = Picture8(8, 8);
        string tga = Save(picture, "picture.tga", new TgaEncoder());
        AssertRefused(Run("denoise", tga, PathOf("out.png")), tga, "not an image in a format this program reads");
        string pdf = PathOf("document.pdf");
        File.WriteAllText(pdf, "%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n");
        AssertRefused(Run("denoise", pdf, PathOf("out.png")), pdf, "not an image in a format this program reads");

        // Empty, and only a signature.
        string empty = PathOf("empty.png");
        File.WriteAllBytes(empty, Array.Empty<byte>());
        AssertRefused(Run("denoise", empty, PathOf("out.png")), empty);
        string signature = PathOf("signature.png");
        File.WriteAllBytes(signature, new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10 });
        AssertRefused(Run("denoise", signature, PathOf("out.png")), signature);

        // The tour takes a photo the same way.
        AssertRefused(Run(text, "--out", PathOf("out-tour"), "--quick"), text, "not an image in a format this program reads");
    }

    /// <summary>A PNG written here, with CRCs: <paramref name="rows"/> streams the filtered rows into the compressor.</summary>
    private static byte[] RawPng(int width, int height, byte bitDepth, byte colourType, Action<Stream> rows)
    {
        var file = new MemoryStream();
        file.Write(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10 });
        byte[] header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = (bitDepth, colourType);
        Chunk(file, "IHDR", header);
        var data = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionLevel.Optimal, leaveOpen: true))
        {
            rows(zlib);
        }

        Chunk(file, "IDAT", data.ToArray());
        Chunk(file, "IEND", Array.Empty<byte>());
        return file.ToArray();
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        byte[] length = new byte[4], crc = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        byte[] typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        file.Write(length);
        file.Write(typed);
        file.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        uint c = 0xFFFFFFFFu;
        foreach (byte b in bytes)
        {
            c ^= b;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
        }

        return ~c;
    }

    [Fact]
    public void PixelLimit_RefusesFromTheHeader_BeforeAllocating()
    {
        // The 2026-12-06 file: 12000x12000 grey, all zero, about 140 KB; it took 2.65 GB.
        byte[] row = new byte[1 + 12000];
        byte[] big = RawPng(12000, 12000, 8, 0, stream =>
        {
            for (int y = 0; y < 12000; y++)
            {
                stream.Write(row);
            }
        });
        Assert.True(big.Length < 300_000, $"{big.Length} bytes");
        string input = PathOf("big.png");
        File.WriteAllBytes(input, big);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = Run("denoise", input, PathOf("out.png"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        AssertRefused(result, input, "is 12000x12000 (144 megapixels), above the limit of 64 megapixels; --max-megapixels raises it");
        Assert.True(allocated < 16 << 20, $"{allocated:N0} bytes allocated before refusing");

        // A header alone claiming 60000x60000 (3.6 gigapixels), whatever follows.
        byte[] claim = RawPng(60000, 60000, 16, 2, stream => stream.Write(new byte[100]));
        string liar = PathOf("liar.png");
        File.WriteAllBytes(liar, claim);
        before = GC.GetAllocatedBytesForCurrentThread();
        result = Run("dilate", liar, PathOf("out.png"));
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        AssertRefused(result, liar, "is 60000x60000 (3600 megapixels), above the limit of 64 megapixels");
        Assert.True(allocated < 16 << 20, $"{allocated:N0} bytes allocated before refusing");

        // The same for JPEG: a frame header of 60000x60000.
        byte[] jpeg = Encode("jpeg");
        int frame = IndexOf(jpeg, new byte[] { 0xFF, 0xC0 });
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 5), 60000);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 7), 60000);
        string liarJpeg = PathOf("liar.jpg");
        File.WriteAllBytes(liarJpeg, jpeg);
        AssertRefused(Run("denoise", liarJpeg, PathOf("out.png")), liarJpeg, "is 60000x60000 (3600 megapixels)");

        // --max-megapixels lowers and raises the limit: 10x10 is over 0.00005 megapixels; 12000x12000 is then read.
        string small = Save(Picture8(10, 10), "small.png", Encoder("png8"));
        AssertRefused(Run("dilate", small, PathOf("out.png"), "--max-megapixels", "0.00005"), small, "(0.0001 megapixels), above the limit of 0.00005 megapixels");
        Assert.Equal(0, Run("dilate", small, PathOf("small-out.png"), "--max-megapixels", "0.0001").Code);
        AssertRefused(Run("dilate", small, PathOf("out.png"), "--max-megapixels", "0"), "--max-megapixels", "--max-megapixels must be more than 0");
    }

    [Fact]
    public void Numbers_AreCultureInvariant_AndMustParseWhole()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            // A comma-decimal culture built here (no ICU needed): "0,5" is a half in it, 5 in English.
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = comma;
            string input = Save(Picture8(12, 9), "in.png", Encoder("png8"));
            (int code, string output, string error) = Run("denoise", input, PathOf("half.png"), "--weight", "0.5", "--eps", "1e-3", "--iterations", "3");
            Assert.True(code == 0, error);
            Assert.Contains("weight 0.5,", output);

            foreach (string[] args in new[]
            {
                new[] { "denoise", input, PathOf("out.png"), "--weight", "0,5" },
                new[] { "denoise", input, PathOf("out.png"), "--weight", "1.000,5" },
                new[] { "denoise", input, PathOf("out.png"), "--weight", "0.5x" },
                new[] { "denoise", input, PathOf("out.png"), "--weight", "NaN" },
                new[] { "denoise", input, PathOf("out.png"), "--eps", "Infinity" },
                new[] { "denoise", input, PathOf("out.png"), "--iterations", "1,000" },
                new[] { "denoise", input, PathOf("out.png"), "--max-megapixels", "6,4" },
                new[] { "julia", PathOf("out.png"), "--size", "2.5" },
                new[] { "julia", PathOf("out.png"), "--maxiter", "1e3" },
                new[] { "julia", PathOf("out.png"), "--c", "0,3,0,5" },
                new[] { "dilate", input, PathOf("out.png"), "--size", "3abc" },
                new[] { "softmax", "--n", "1.000" },
                new[] { "lu", "--n", "99999999999" },
                new[] { "movavg", "--rows", "7", "--cols", "٣" },
                new[] { "movavg", "--window", "" },
            })
            {
                (code, output, error) = Run(args);
                Assert.True(code == 2, string.Join(" ", args) + ": " + error);
                Assert.StartsWith("error: ", error);
                Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.Equal("", output);
                Assert.Empty(Directory.GetFiles(_folder, "out*"));
            }

            (code, _, error) = Run("julia", PathOf("c.png"), "--size", "8", "--c", "-0.8,0.156");
            Assert.True(code == 0, error);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void TemporaryFile_IsUnique_AndNeverLeft()
    {
        string output = PathOf("picture.png");
        File.WriteAllText(output + ".tmp", "the user's own file");
        string input = Save(Picture8(12, 9), "in.png", Encoder("png8"));
        Assert.Equal(0, Run("dilate", input, output).Code);
        Assert.Equal("the user's own file", File.ReadAllText(output + ".tmp"));
        Assert.Equal(new[] { "in.png", "picture.png", "picture.png.tmp" }, Directory.GetFiles(_folder).Select(Path.GetFileName).Order());

        // A failure while writing: the destination is untouched, the temporary file gone.
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(output, stream =>
        {
            stream.Write(new byte[100]);
            throw new InvalidOperationException("encoder failed");
        }));
        Assert.Equal(new[] { "in.png", "picture.png", "picture.png.tmp" }, Directory.GetFiles(_folder).Select(Path.GetFileName).Order());
        Assert.Equal(0, AtomicFile.PendingCount);

        // A signal while writing: the handler deletes the temporary file and the write does not complete.
        Assert.Throws<OperationCanceledException>(() => AtomicFile.Write(PathOf("interrupted.png"), stream =>
        {
            stream.Write(new byte[100]);
            Assert.Single(Directory.GetFiles(_folder, "interrupted.png.*.tmp"));
            AtomicFile.Interrupt();
            Assert.Empty(Directory.GetFiles(_folder, "interrupted.png.*"));
            stream.Write(new byte[100]);
        }));
        Assert.Empty(Directory.GetFiles(_folder, "interrupted.png*"));
    }

    [DllImport("libc.so.6", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>
    /// A signal while the CLI writes a large picture: it ends, and leaves neither the picture nor its temporary file.
    /// SIGTERM, because a process started from a non-interactive parent may inherit SIGINT as ignored (the runtime
    /// then keeps it ignored); Ctrl-C (SIGINT) runs the same registered handler, and AtomicFile.Interrupt is tested above.
    /// </summary>
    [Fact]
    public async System.Threading.Tasks.Task Signal_DuringTheWrite_LeavesNoTemporaryFile()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // signal numbers below are Linux's
        }

        const int Term = 15, Continue = 18, Stop = 19;
        string output = PathOf("big.png");
        for (int attempt = 0; attempt < 5; attempt++)
        {
            // The write takes a fraction of a second: the watcher freezes the CLI (SIGSTOP) as soon as the temporary
            // file appears, and the signal is sent only if the file is still there, i.e. the write had not completed.
            int pid = 0, stopped = 0;
            using var watcher = new FileSystemWatcher(_folder, "big.png.*.tmp");
            watcher.Created += (_, _) =>
            {
                if (Volatile.Read(ref pid) != 0 && Interlocked.Exchange(ref stopped, 1) == 0)
                {
                    Kill(pid, Stop);
                }
            };
            watcher.EnableRaisingEvents = true;
            using Process process = StartCli("julia", output, "--size", "3000", "--maxiter", "30");
            Volatile.Write(ref pid, process.Id);
            var standardError = process.StandardError.ReadToEndAsync();
            var standardOutput = process.StandardOutput.ReadToEndAsync();
            var watch = Stopwatch.StartNew();
            while (!process.HasExited && Volatile.Read(ref stopped) == 0 && watch.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(5);
            }

            Thread.Sleep(50); // the SIGSTOP is delivered
            bool midWrite = Volatile.Read(ref stopped) == 1 && !process.HasExited && Directory.GetFiles(_folder, "big.png.*.tmp").Length == 1;
            if (midWrite)
            {
                Assert.Equal(0, Kill(process.Id, Term));
            }

            Kill(process.Id, Continue);
            Assert.True(process.WaitForExit(60_000), "the CLI ends");
            string error = await standardError;
            await standardOutput;
            if (!midWrite)
            {
                File.Delete(output);
                continue; // the write won the race: again
            }

            Assert.True(process.ExitCode != 0, "ended by the signal");
            Assert.Empty(Directory.GetFiles(_folder, "big.png*"));
            return;
        }

        Assert.Fail("the CLI finished its write before the signal in each of 5 attempts");
    }

    private static Process StartCli(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SourceGen.Kernels.dll"));
        foreach (string argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    [Fact]
    public void OutOfMemory_InAnyForm_IsOneLine_ExitCode2()
    {
        foreach (Exception exception in new Exception[]
        {
            new OutOfMemoryException(),
            new InsufficientMemoryException("not enough"),
            new AggregateException(new OutOfMemoryException(), new OutOfMemoryException()), // a [Parallel] kernel's threads
            new InvalidOperationException("wrapped", new OutOfMemoryException()),
        })
        {
            var error = new StringWriter();
            Assert.Equal(2, App.Guard(error, () => throw exception));
            Assert.Equal("error: not enough memory for these arguments on this machine; try a smaller size", error.ToString().TrimEnd());
        }

        // Anything else is not dressed up as a memory error.
        Assert.Throws<AggregateException>(() => App.Guard(TextWriter.Null, () => throw new AggregateException(new InvalidOperationException())));
    }

    [Fact]
    public void ColorMap_IsMagmaByDefault_LightnessRisesEvenly()
    {
        Assert.Equal((0f, 0f, 4 / 255f), ColorMaps.Color("magma", 0));
        Assert.Equal((0xFC / 255f, 0xFD / 255f, 0xBF / 255f), ColorMaps.Color("magma", 1));
        Assert.Equal((0xFD / 255f, 0xE7 / 255f, 0x25 / 255f), ColorMaps.Color("viridis", 1));
        Assert.Equal((0.25f, 0.25f, 0.25f), ColorMaps.Color("grey", 0.25f));
        foreach (string map in new[] { "magma", "viridis" })
        {
            // Relative luminance rises at every step: the map reads as dark-to-light, as grey did.
            double previous = -1;
            for (int i = 0; i <= 100; i++)
            {
                (float r, float g, float b) = ColorMaps.Color(map, i / 100f);
                double luminance = 0.2126 * Linear(r) + 0.7152 * Linear(g) + 0.0722 * Linear(b);
                Assert.True(luminance > previous, $"{map} at {i / 100.0}");
                previous = luminance;
            }
        }

        // The CLI's picture: colour, the set itself (the centre, never escaping) magma's pale yellow, far points near black.
        string path = PathOf("julia.png");
        Assert.Equal(0, Run("julia", path, "--size", "64", "--maxiter", "100").Code);
        using Image<Rgb24> image = Image.Load<Rgb24>(path);
        Assert.Equal(new Rgb24(0xFC, 0xFD, 0xBF), image[32, 32]);
        Assert.True(image[0, 0].R + image[0, 0].G + image[0, 0].B < 3 * 128, "a corner escapes at once: dark");
        Assert.Contains(Pixels(image), p => p.R != p.G || p.G != p.B);
        Assert.Equal(0, Run("julia", path, "--size", "16", "--colors", "grey").Code);
        Assert.Equal(PngColorType.Grayscale, Image.Identify(path).Metadata.GetPngMetadata().ColorType);
    }

    private static double Linear(float c) => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
}
