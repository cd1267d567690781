using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace SourceGen.Kernels.Cli;

/// <summary>
/// 16-bit PNG, read and written here (StbImageWriteSharp writes 8-bit only, and StbImageSharp reduces 16 bits to
/// 8): non-interlaced grey, grey+alpha, RGB and RGBA (alpha dropped) in, grey or RGB out.
/// </summary>
internal static class Png16
{
    private static readonly byte[] Signature = { 137, 80, 78, 71, 13, 10, 26, 10 };

    /// <summary>A PNG whose IHDR says 16 bits per sample and no interlacing.</summary>
    public static bool IsSixteenBit(byte[] file) =>
        file.Length > 33 && file.AsSpan(0, 8).SequenceEqual(Signature) && Encoding.ASCII.GetString(file, 12, 4) == "IHDR"
        && file[24] == 16 && file[28] == 0;

    public static Image Decode(byte[] file)
    {
        int width = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(16)), height = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(20));
        int colorType = file[25];
        int samples = colorType switch
        {
            0 => 1,
            2 => 3,
            4 => 2,
            6 => 4,
            _ => throw new InvalidDataException($"PNG colour type {colorType} at 16 bits is not supported"),
        };
        if (width <= 0 || height <= 0)
        {
            throw new InvalidDataException("the PNG has no pixels");
        }

        using var compressed = new MemoryStream();
        for (int at = 8; at + 8 <= file.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            string type = Encoding.ASCII.GetString(file, at + 4, 4);
            if (length < 0 || at + 12 + length > file.Length)
            {
                throw new InvalidDataException("the PNG is truncated");
            }

            if (type == "IDAT")
            {
                compressed.Write(file, at + 8, length);
            }

            at += 12 + length;
        }

        compressed.Position = 0;
        int stride = width * samples * 2;
        byte[] raw = new byte[height * (stride + 1)];
        using (var inflate = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            inflate.ReadExactly(raw);
        }

        Unfilter(raw, height, stride, bytesPerPixel: samples * 2);
        int channels = samples >= 3 ? 3 : 1;
        var planes = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            planes[c] = new float[width * height];
        }

        for (int y = 0; y < height; y++)
        {
            int row = y * (stride + 1) + 1;
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    planes[c][y * width + x] = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(row + (x * samples + c) * 2)) / 65535f;
                }
            }
        }

        return new Image(width, height, 16, planes);
    }

    public static void Encode(Image image, Stream stream)
    {
        int channels = image.Channels, stride = image.Width * channels * 2;
        byte[] raw = new byte[image.Height * (stride + 1)];
        for (int y = 0; y < image.Height; y++)
        {
            int row = y * (stride + 1) + 1; // filter type 0 (none) in the byte before
            for (int x = 0; x < image.Width; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    ushort value = (ushort)Math.Clamp(MathF.Round(image.Planes[c][y * image.Width + x] * 65535f), 0f, 65535f);
                    BinaryPrimitives.WriteUInt16BigEndian(raw.AsSpan(row + (x * channels + c) * 2), value);
                }
            }
        }

        using var compressed = new MemoryStream();
        using (var deflate = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(raw);
        }

        stream.Write(Signature);
        byte[] header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = 16;
        header[9] = (byte)(channels == 1 ? 0 : 2);
        WriteChunk(stream, "IHDR", header);
        WriteChunk(stream, "IDAT", compressed.ToArray());
        WriteChunk(stream, "IEND", Array.Empty<byte>());
    }

    /// <summary>Undoes the PNG row filters (none, sub, up, average, Paeth) in place.</summary>
    private static void Unfilter(byte[] raw, int height, int stride, int bytesPerPixel)
    {
        for (int y = 0; y < height; y++)
        {
            int row = y * (stride + 1), filter = raw[row], previous = row - (stride + 1);
            for (int i = 0; i < stride; i++)
            {
                int at = row + 1 + i;
                int left = i >= bytesPerPixel ? raw[at - bytesPerPixel] : 0;
                int up = y > 0 ? raw[previous + 1 + i] : 0;
                int upLeft = y > 0 && i >= bytesPerPixel ? raw[previous + 1 + i - bytesPerPixel] : 0;
                raw[at] = (byte)(raw[at] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"PNG row filter {filter} is not defined"),
                });
            }
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        stream.Write(four);
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        uint crc = Crc32(Crc32(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(four, crc);
        stream.Write(four);
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private static uint Crc32(uint crc, byte[] data)
    {
        foreach (byte b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }
}
