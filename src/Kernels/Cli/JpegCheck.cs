using System;
using System.Buffers.Binary;

namespace SourceGen.Kernels.Cli;

/// <summary>
/// Walks a JPEG's markers and, for Huffman-coded sequential JPEG (SOF0/SOF1: what cameras and encoders write), decodes
/// the Huffman codes of every block of every scan without computing pixels, as libjpeg does when it reports "Corrupt
/// JPEG data": an invalid code, a coefficient beyond the block, a scan that ends before its last block or has bytes
/// after it, a restart marker out of order, and a file without its end marker are each an error. Progressive and
/// arithmetic-coded JPEG get the marker walk only.
/// </summary>
internal ref struct JpegCheck
{
    private readonly ReadOnlySpan<byte> _file;
    private int _at;

    // Huffman tables (class 0 = DC, 1 = AC; ids 0-3): per code length 1-16, the largest code (-1: none) and the index
    // of the first code's symbol; the symbols in code order.
    private readonly int[][] _maxCode = new int[8][], _firstIndex = new int[8][], _firstCode = new int[8][];
    private readonly byte[][] _symbols = new byte[8][];

    // The frame: size, components (id, sampling factors), and whether scans are checked block by block.
    private int _width, _height, _components, _restartInterval;
    private readonly int[] _ids = new int[4], _h = new int[4], _v = new int[4];
    private bool _frame, _checkScans;

    // The entropy-coded data's bit reader.
    private int _bits, _bitCount;

    public JpegCheck(ReadOnlySpan<byte> file)
    {
        _file = file;
        _at = 2;
    }

    /// <summary>Checks the file and returns its number of components.</summary>
    public int Run()
    {
        int scans = 0;
        while (true)
        {
            int marker = NextMarker();
            if (marker == 0xD9)
            {
                if (!_frame || scans == 0)
                {
                    throw new BadImageException("corrupt JPEG (it ends before any image data)");
                }

                return _components; // bytes after the end marker are ignored, as every decoder does
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0xD8 or < 0xC0)
            {
                throw new BadImageException($"corrupt JPEG (marker 0x{marker:X2} at offset {_at - 1} out of place)");
            }

            int length = Segment(out ReadOnlySpan<byte> segment);
            switch (marker)
            {
                case 0xC0 or 0xC1 or 0xC2 or 0xC3 or 0xC5 or 0xC6 or 0xC7 or 0xC9 or 0xCA or 0xCB or 0xCD or 0xCE or 0xCF:
                    Frame(segment, checkScans: marker is 0xC0 or 0xC1);
                    break;
                case 0xC4:
                    HuffmanTables(segment);
                    break;
                case 0xDD:
                    _restartInterval = length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(segment) : throw Corrupt("DRI segment");
                    break;
                case 0xDA:
                    if (!_frame)
                    {
                        throw Corrupt("a scan before the frame header");
                    }

                    Scan(segment);
                    scans++;
                    break;
            }
        }
    }

    private static BadImageException Corrupt(string what) => new($"corrupt JPEG data ({what})");

    /// <summary>The next marker's code, after optional fill bytes 0xFF; anything else between segments is corruption.</summary>
    private int NextMarker()
    {
        if (_at >= _file.Length)
        {
            throw new BadImageException("the file is truncated (the JPEG ends before its end marker)");
        }

        if (_file[_at] != 0xFF)
        {
            throw Corrupt($"byte 0x{_file[_at]:X2} at offset {_at} where a marker should be");
        }

        while (_at < _file.Length && _file[_at] == 0xFF)
        {
            _at++;
        }

        if (_at >= _file.Length)
        {
            throw new BadImageException("the file is truncated (the JPEG ends before its end marker)");
        }

        return _file[_at++];
    }

    private int Segment(out ReadOnlySpan<byte> segment)
    {
        if (_at + 2 > _file.Length)
        {
            throw new BadImageException("the file is truncated (it ends inside a JPEG segment)");
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(_file[_at..]);
        if (length < 2)
        {
            throw Corrupt($"segment length {length} at offset {_at}");
        }

        if (_at + length > _file.Length)
        {
            throw new BadImageException("the file is truncated (it ends inside a JPEG segment)");
        }

        segment = _file.Slice(_at + 2, length - 2);
        _at += length;
        return length - 2;
    }

    private void Frame(ReadOnlySpan<byte> segment, bool checkScans)
    {
        if (_frame)
        {
            throw Corrupt("two frame headers");
        }

        if (segment.Length < 6 || segment[5] is < 1 or > 4 || segment.Length < 6 + 3 * segment[5])
        {
            throw Corrupt("frame header");
        }

        _height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
        _width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
        _components = segment[5];
        for (int c = 0; c < _components; c++)
        {
            _ids[c] = segment[6 + 3 * c];
            _h[c] = segment[7 + 3 * c] >> 4;
            _v[c] = segment[7 + 3 * c] & 15;
            if (_h[c] is < 1 or > 4 || _v[c] is < 1 or > 4)
            {
                throw Corrupt("sampling factors");
            }
        }

        // A height of 0 is given later (DNL): rare; such a file gets the marker walk only.
        _frame = true;
        _checkScans = checkScans && _width > 0 && _height > 0;
    }

    private void HuffmanTables(ReadOnlySpan<byte> segment)
    {
        while (segment.Length > 0)
        {
            if (segment.Length < 17 || segment[0] >> 4 > 1 || (segment[0] & 15) > 3)
            {
                throw Corrupt("Huffman table");
            }

            int table = (segment[0] >> 4) * 4 + (segment[0] & 15), total = 0;
            int[] maxCode = new int[17], firstIndex = new int[17], firstCode = new int[17];
            int code = 0;
            for (int length = 1; length <= 16; length++)
            {
                int count = segment[length];
                firstIndex[length] = total;
                firstCode[length] = code;
                maxCode[length] = count == 0 ? -1 : code + count - 1;
                code = (code + count) << 1;
                total += count;
                if (code > 1 << (length + 1))
                {
                    throw Corrupt("Huffman table with more codes than its lengths allow");
                }
            }

            if (segment.Length < 17 + total)
            {
                throw Corrupt("Huffman table");
            }

            (_maxCode[table], _firstIndex[table], _firstCode[table]) = (maxCode, firstIndex, firstCode);
            _symbols[table] = segment.Slice(17, total).ToArray();
            segment = segment[(17 + total)..];
        }
    }

    private void Scan(ReadOnlySpan<byte> header)
    {
        int count = header.Length > 0 ? header[0] : 0;
        if (count is < 1 or > 4 || header.Length < 1 + 2 * count + 3)
        {
            throw Corrupt("scan header");
        }

        Span<int> components = stackalloc int[count], dc = stackalloc int[count], ac = stackalloc int[count];
        for (int i = 0; i < count; i++)
        {
            int index = Array.IndexOf(_ids, (int)header[1 + 2 * i], 0, _components);
            if (index < 0)
            {
                throw Corrupt("a scan of a component the frame does not have");
            }

            (components[i], dc[i], ac[i]) = (index, header[2 + 2 * i] >> 4, 4 + (header[2 + 2 * i] & 15));
            if (_checkScans && (dc[i] > 3 || ac[i] > 7 || _symbols[dc[i]] is null || _symbols[ac[i]] is null))
            {
                throw Corrupt("a scan that uses a Huffman table the file does not define");
            }
        }

        if (!_checkScans)
        {
            SkipEntropyData();
            return;
        }

        int maxH = 1, maxV = 1;
        for (int c = 0; c < _components; c++)
        {
            (maxH, maxV) = (Math.Max(maxH, _h[c]), Math.Max(maxV, _v[c]));
        }

        // One component: its blocks in raster order; several: MCUs of H x V blocks of each.
        long units;
        if (count == 1)
        {
            int c = components[0];
            long componentWidth = ((long)_width * _h[c] + maxH - 1) / maxH, componentHeight = ((long)_height * _v[c] + maxV - 1) / maxV;
            units = (componentWidth + 7) / 8 * ((componentHeight + 7) / 8);
        }
        else
        {
            units = (_width + 8L * maxH - 1) / (8 * maxH) * ((_height + 8L * maxV - 1) / (8 * maxV));
        }

        (_bits, _bitCount) = (0, 0);
        for (long unit = 0; unit < units; unit++)
        {
            if (_restartInterval > 0 && unit > 0 && unit % _restartInterval == 0)
            {
                Restart((int)(unit / _restartInterval - 1) & 7);
            }

            for (int i = 0; i < count; i++)
            {
                int blocks = count == 1 ? 1 : _h[components[i]] * _v[components[i]];
                for (int b = 0; b < blocks; b++)
                {
                    Block(dc[i], ac[i]);
                }
            }
        }

        // After the last block: padding bits, then a marker; bytes before it mean the scan was longer than its blocks.
        if (_at >= _file.Length)
        {
            throw new BadImageException("the file is truncated (the JPEG ends after its image data, before its end marker)");
        }

        if (_file[_at] != 0xFF || _at + 1 < _file.Length && _file[_at + 1] == 0)
        {
            throw Corrupt("extra bytes after the last block of a scan");
        }
    }

    /// <summary>Between restart intervals: the rest of the byte is padding, then RSTn with n counting 0-7.</summary>
    private void Restart(int expected)
    {
        _bitCount = 0;
        if (_at + 1 >= _file.Length)
        {
            throw new BadImageException("the file is truncated (the JPEG's image data ends early)");
        }

        if (_file[_at] != 0xFF || _file[_at + 1] != 0xD0 + expected)
        {
            throw Corrupt("a restart marker missing or out of order");
        }

        _at += 2;
    }

    private void Block(int dcTable, int acTable)
    {
        int size = Decode(dcTable);
        if (size > 16)
        {
            throw Corrupt("a DC difference larger than any sample precision");
        }

        Skip(size);
        for (int k = 1; k < 64;)
        {
            int rs = Decode(acTable), run = rs >> 4;
            size = rs & 15;
            if (size == 0)
            {
                if (run != 15)
                {
                    break; // end of block
                }

                k += 16;
                continue;
            }

            k += run;
            if (k > 63)
            {
                throw Corrupt("a coefficient beyond the end of its block");
            }

            Skip(size);
            k++;
        }
    }

    private int Decode(int table)
    {
        int[] maxCode = _maxCode[table], firstIndex = _firstIndex[table], firstCode = _firstCode[table];
        int code = 0;
        for (int length = 1; length <= 16; length++)
        {
            code = (code << 1) | Bit();
            if (code <= maxCode[length])
            {
                return _symbols[table][firstIndex[length] + code - firstCode[length]];
            }
        }

        throw Corrupt("an invalid Huffman code");
    }

    private void Skip(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Bit();
        }
    }

    private int Bit()
    {
        if (_bitCount == 0)
        {
            if (_at >= _file.Length)
            {
                throw new BadImageException("the file is truncated (the JPEG's image data ends early)");
            }

            _bits = _file[_at++];
            if (_bits == 0xFF)
            {
                if (_at >= _file.Length)
                {
                    throw new BadImageException("the file is truncated (the JPEG's image data ends early)");
                }

                if (_file[_at] != 0)
                {
                    // A marker inside a block: the data ends early (libjpeg pads with zeros and warns).
                    throw Corrupt("the image data ends before its last block");
                }

                _at++; // a stuffed 0xFF 0x00 is the data byte 0xFF
            }

            _bitCount = 8;
        }

        _bitCount--;
        return (_bits >> _bitCount) & 1;
    }

    /// <summary>Progressive and arithmetic scans: to the next marker that is not a restart marker.</summary>
    private void SkipEntropyData()
    {
        while (_at + 1 < _file.Length && !(_file[_at] == 0xFF && _file[_at + 1] != 0 && _file[_at + 1] is < 0xD0 or > 0xD7))
        {
            _at++;
        }

        if (_at + 1 >= _file.Length)
        {
            throw new BadImageException("the file is truncated (the JPEG ends inside its image data)");
        }
    }
}
