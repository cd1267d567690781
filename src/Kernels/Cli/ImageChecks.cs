using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace SourceGen.Kernels.Cli;

/// <summary>A file that is not a whole, well-formed image; the message is the readable reason.</summary>
internal sealed class BadImageException(string message) : Exception(message);

/// <summary>
/// Checks that an image file is whole and well formed before ImageSharp decodes it. ImageSharp 2.1 is lenient: it
/// decodes a truncated or corrupted JPEG, BMP, GIF or WebP silently (missing parts grey or black) and loops forever on
/// a truncated interlaced PNG, so each format's container is walked here: PNG chunks, CRCs and the inflated data's
/// exact length; JPEG markers and, for Huffman-coded sequential JPEG, every block of every scan; the GIF block
/// structure; the BMP and TIFF pixel data's extent; the WebP RIFF chunks. Pixel data stored raw (BMP, TIFF) cannot
/// show corruption, only truncation.
/// </summary>
internal static class ImageChecks
{
    public static void Png(ReadOnlySpan<byte> file) => PngCheck.Run(file);

    /// <summary>Checks a JPEG and returns its number of components (1: grey).</summary>
    public static int Jpeg(ReadOnlySpan<byte> file) => new JpegCheck(file).Run();

    public static void Gif(ReadOnlySpan<byte> file)
    {
        int at = 6;
        Need(file, at, 7, "logical screen descriptor");
        byte flags = file[at + 4];
        at += 7 + ((flags & 0x80) != 0 ? 3 << ((flags & 7) + 1) : 0);
        int images = 0;
        while (true)
        {
            Need(file, at, 1, "block");
            byte introducer = file[at++];
            switch (introducer)
            {
                case 0x3B: // trailer
                    if (images == 0)
                    {
                        throw new BadImageException("the GIF has no image");
                    }

                    return;
                case 0x21: // extension: label, then sub-blocks
                    Need(file, at, 1, "extension");
                    at = SkipSubBlocks(file, at + 1);
                    break;
                case 0x2C: // image descriptor, local colour table, LZW code size, sub-blocks
                    Need(file, at, 9, "image descriptor");
                    byte local = file[at + 8];
                    at += 9 + ((local & 0x80) != 0 ? 3 << ((local & 7) + 1) : 0);
                    Need(file, at, 1, "image data");
                    if (file[at] is < 1 or > 11)
                    {
                        throw new BadImageException($"corrupt GIF image data (LZW code size {file[at]})");
                    }

                    at = SkipSubBlocks(file, at + 1);
                    images++;
                    break;
                default:
                    throw new BadImageException($"corrupt GIF structure (byte 0x{introducer:X2} at offset {at - 1} starts no block)");
            }
        }
    }

    private static int SkipSubBlocks(ReadOnlySpan<byte> file, int at)
    {
        while (true)
        {
            Need(file, at, 1, "data block");
            int size = file[at++];
            if (size == 0)
            {
                return at;
            }

            Need(file, at, size, "data block");
            at += size;
        }
    }

    public static void Bmp(ReadOnlySpan<byte> file)
    {
        Need(file, 0, 18, "BMP header");
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(file[10..]);
        int headerSize = BinaryPrimitives.ReadInt32LittleEndian(file[14..]);
        Need(file, 14, Math.Max(12, Math.Min(headerSize, 40)), "BMP header");
        long width, height;
        int bitsPerPixel, compression = 0;
        if (headerSize == 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(file[18..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(file[20..]);
            bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(file[24..]);
        }
        else
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(file[18..]);
            height = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(file[22..]));
            bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(file[28..]);
            compression = BinaryPrimitives.ReadInt32LittleEndian(file[30..]);
        }

        if (offset < 14 + 12 || offset > file.Length)
        {
            throw new BadImageException(offset > file.Length ? "the file is truncated (it ends before its BMP pixel data)" : $"corrupt BMP header (pixel data offset {offset})");
        }

        switch (compression)
        {
            case 0 or 3 or 6: // raw rows, each padded to 4 bytes
                long needed = (width * bitsPerPixel + 31) / 32 * 4 * height;
                if (offset + needed > file.Length)
                {
                    throw new BadImageException($"the file is truncated ({file.Length} bytes; its BMP pixel data ends at byte {offset + needed})");
                }

                break;
            case 1 or 2: // RLE8, RLE4: runs until the end-of-bitmap escape
                int at = (int)offset;
                while (true)
                {
                    Need(file, at, 2, "run-length data");
                    byte count = file[at], value = file[at + 1];
                    at += 2;
                    if (count != 0 || value == 0)
                    {
                        continue;
                    }

                    if (value == 1)
                    {
                        return;
                    }

                    // 2: a delta (two bytes); 3-255: that many literal pixels, padded to a 16-bit boundary.
                    int literal = value == 2 ? 2 : compression == 1 ? value : (value + 1) / 2;
                    at += value == 2 ? 2 : (literal + 1) & ~1;
                    Need(file, at, 0, "run-length data");
                }
        }
    }

    /// <summary>Checks that a TIFF's first image is whole and returns whether it is grey and has more than 8 bits a sample.</summary>
    public static (bool Grey, bool SixteenBit) Tiff(byte[] file)
    {
        Need(file, 0, 8, "TIFF header");
        bool little = file[0] == (byte)'I';
        uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
        ushort U16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(at));
        if (U16(2) != 42)
        {
            return (false, false); // BigTIFF: ImageSharp's own checks only
        }

        long ifd = U32(4);
        if (ifd < 8 || ifd + 2 > file.Length)
        {
            throw new BadImageException("the file is truncated (it ends before its first TIFF directory)");
        }

        int entries = U16((int)ifd);
        Need(file, (int)ifd + 2, entries * 12, "TIFF directory");
        uint[]? offsets = null, counts = null;
        bool grey = false, sixteen = false;
        for (int e = 0; e < entries; e++)
        {
            int entry = (int)ifd + 2 + 12 * e;
            ushort tag = U16(entry), type = U16(entry + 2);
            uint count = U32(entry + 4);
            if (tag == 262 && type == 3)
            {
                grey = U16(entry + 8) is 0 or 1; // PhotometricInterpretation: WhiteIsZero, BlackIsZero
            }

            if (tag == 258 && type == 3 && count >= 1)
            {
                // BitsPerSample: one value inline, else (three or four) at an offset; they are equal in what is decoded.
                long at = count <= 2 ? entry + 8 : U32(entry + 8);
                sixteen = at + 2 <= file.Length && U16((int)at) > 8;
            }

            if (tag is not (273 or 279 or 324 or 325) || type is not (3 or 4))
            {
                continue;
            }

            int size = type == 3 ? 2 : 4;
            long start = (long)count * size <= 4 ? entry + 8 : U32(entry + 8);
            if (start + (long)count * size > file.Length)
            {
                throw new BadImageException("the file is truncated (it ends inside its TIFF strip table)");
            }

            var values = new uint[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = type == 3 ? U16((int)start + size * i) : U32((int)start + size * i);
            }

            if (tag is 273 or 324)
            {
                offsets = values;
            }
            else
            {
                counts = values;
            }
        }

        if (offsets is null || counts is null || offsets.Length != counts.Length)
        {
            throw new BadImageException("corrupt TIFF directory (its strip offsets and sizes do not match)");
        }

        for (int i = 0; i < offsets.Length; i++)
        {
            if ((long)offsets[i] + counts[i] > file.Length)
            {
                throw new BadImageException($"the file is truncated ({file.Length} bytes; its TIFF strip {i} ends at byte {(long)offsets[i] + counts[i]})");
            }
        }

        return (grey, sixteen);
    }

    /// <summary>Checks the RIFF chunks of a WebP file and returns its number of frames (animation frames, else 1).</summary>
    public static int Webp(ReadOnlySpan<byte> file)
    {
        Need(file, 0, 12, "RIFF header");
        long end = 8 + (long)BinaryPrimitives.ReadUInt32LittleEndian(file[4..]);
        if (end > file.Length)
        {
            throw new BadImageException($"the file is truncated ({file.Length} bytes; its RIFF header says {end})");
        }

        int at = 12, frames = 0;
        bool image = false;
        while (at < end)
        {
            if (at + 8 > end)
            {
                throw new BadImageException("corrupt WebP chunk structure");
            }

            string type = Printable(file.Slice(at, 4));
            long next = at + 8 + (long)BinaryPrimitives.ReadUInt32LittleEndian(file[(at + 4)..]);
            next += next & 1;
            if (next > end + 1)
            {
                throw new BadImageException($"corrupt WebP chunk '{type}' (it runs past the end of the file)");
            }

            image |= type is "VP8 " or "VP8L" or "ANMF";
            frames += type == "ANMF" ? 1 : 0;
            at = (int)next;
        }

        return image ? Math.Max(frames, 1) : throw new BadImageException("the WebP file has no image data");
    }

    private static void Need(ReadOnlySpan<byte> file, long at, long count, string what)
    {
        if (at + count > file.Length)
        {
            throw new BadImageException($"the file is truncated (it ends inside its {what})");
        }
    }

    /// <summary>Bytes as text for a message: letters and digits as they are, anything else as \xNN (never a NUL on the terminal).</summary>
    internal static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new System.Text.StringBuilder();
        foreach (byte b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return text.ToString();
    }

    private static class PngCheck
    {
        public static void Run(ReadOnlySpan<byte> file)
        {
            int at = 8;
            int width = 0, height = 0, bitDepth = 0, colourType = 0, interlace = 0;
            var data = new MemoryStream();
            bool header = false, ended = false;
            while (!ended)
            {
                if (at + 8 > file.Length)
                {
                    throw new BadImageException(header ? "the file is truncated (it ends before the PNG's IEND chunk)" : "the file is truncated (it ends before the PNG header)");
                }

                uint length = BinaryPrimitives.ReadUInt32BigEndian(file[at..]);
                ReadOnlySpan<byte> typeBytes = file.Slice(at + 4, 4);
                string type = Printable(typeBytes);
                foreach (byte b in typeBytes)
                {
                    if (!char.IsAsciiLetter((char)b))
                    {
                        throw new BadImageException($"corrupt PNG chunk type '{type}' at offset {at + 4}");
                    }
                }

                if (length > int.MaxValue || at + 12L + length > file.Length)
                {
                    throw new BadImageException($"the file is truncated (it ends inside the PNG's {type} chunk)");
                }

                ReadOnlySpan<byte> chunk = file.Slice(at + 8, (int)length);
                uint crc = BinaryPrimitives.ReadUInt32BigEndian(file[(at + 8 + (int)length)..]);
                if (crc != Crc32(file.Slice(at + 4, 4 + (int)length)))
                {
                    throw new BadImageException($"the PNG's {type} chunk is corrupt (its CRC does not match)");
                }

                if (!header)
                {
                    if (type != "IHDR" || length != 13)
                    {
                        throw new BadImageException("corrupt PNG (it does not start with an IHDR chunk)");
                    }

                    width = BinaryPrimitives.ReadInt32BigEndian(chunk);
                    height = BinaryPrimitives.ReadInt32BigEndian(chunk[4..]);
                    (bitDepth, colourType, interlace) = (chunk[8], chunk[9], chunk[12]);
                    header = true;
                }
                else if (type == "IDAT")
                {
                    data.Write(chunk);
                }
                else if (type == "IEND")
                {
                    ended = true;
                }

                at += 12 + (int)length;
            }

            int channels = colourType switch { 0 or 3 => 1, 2 => 3, 4 => 2, 6 => 4, _ => 0 };
            if (width <= 0 || height <= 0 || channels == 0 || bitDepth is not (1 or 2 or 4 or 8 or 16) || interlace > 1)
            {
                throw new BadImageException($"corrupt PNG header ({width}x{height}, colour type {colourType}, bit depth {bitDepth}, interlace {interlace})");
            }

            if (data.Length == 0)
            {
                throw new BadImageException("the PNG has no image data (no IDAT chunk)");
            }

            Inflate(data, Rows(width, height, channels * bitDepth, interlace == 1));
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

        /// <summary>The PNG chunk CRC (ISO 3309 / zlib's crc32) of a chunk's type and data.</summary>
        private static uint Crc32(ReadOnlySpan<byte> bytes)
        {
            uint c = 0xFFFFFFFFu;
            foreach (byte b in bytes)
            {
                c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
            }

            return c ^ 0xFFFFFFFFu;
        }

        /// <summary>The byte length of every filtered row, pass by pass (Adam7 has seven passes of smaller images).</summary>
        private static IEnumerable<long> Rows(long width, long height, int bitsPerPixel, bool interlaced)
        {
            (int X, int Y, int DX, int DY)[] passes = interlaced
                ? new[] { (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2) }
                : new[] { (0, 0, 1, 1) };
            foreach ((int x, int y, int dx, int dy) in passes)
            {
                long passWidth = (width - x + dx - 1) / dx, passHeight = (height - y + dy - 1) / dy;
                for (long row = 0; passWidth > 0 && row < passHeight; row++)
                {
                    yield return 1 + (passWidth * bitsPerPixel + 7) / 8;
                }
            }
        }

        /// <summary>Inflates the IDAT data without keeping it: each row must start with a filter type 0-4, and the data must end exactly after the last row.</summary>
        private static void Inflate(MemoryStream data, IEnumerable<long> rows)
        {
            data.Position = 0;
            using var inflater = new ZLibStream(data, CompressionMode.Decompress);
            byte[] buffer = new byte[1 << 16];
            int filled = 0, used = 0;
            bool Available()
            {
                if (used == filled)
                {
                    (filled, used) = (inflater.Read(buffer, 0, buffer.Length), 0);
                }

                return used < filled;
            }

            try
            {
                foreach (long length in rows)
                {
                    if (!Available())
                    {
                        throw new BadImageException("the PNG's image data ends early (truncated or corrupt)");
                    }

                    int filter = buffer[used++];
                    if (filter > 4)
                    {
                        throw new BadImageException($"the PNG's image data is corrupt (row filter type {filter})");
                    }

                    for (long skip = length - 1; skip > 0;)
                    {
                        if (!Available())
                        {
                            throw new BadImageException("the PNG's image data ends early (truncated or corrupt)");
                        }

                        int take = (int)Math.Min(skip, filled - used);
                        used += take;
                        skip -= take;
                    }
                }

                if (used < filled || inflater.Read(buffer, 0, 1) > 0)
                {
                    throw new BadImageException("the PNG's image data is corrupt (more data than its size needs)");
                }
            }
            catch (InvalidDataException exception)
            {
                throw new BadImageException($"the PNG's compressed image data is corrupt ({exception.Message.TrimEnd('.')})");
            }
        }
    }
}
