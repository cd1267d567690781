using System.ComponentModel;
using ILGPU;

namespace SourceGen.Gpu;

/// <summary>
/// A gufunc kernel's <c>(ReadOnly)TensorSpan&lt;T&gt;</c> core slice on a GPU: a dense row-major block of an
/// ILGPU view with the members the kernel reads (<c>t[i, j]</c>, <c>t[i, j, k]</c>, <c>t.Lengths[d]</c>,
/// <c>t.Rank</c>, <c>t.FlattenedLength</c>, <c>t.IsEmpty</c>), so that the kernel's text compiles on the device
/// unchanged where it indexes with int or long. (ILGPU has no native-size integers: a kernel with nint locals is
/// SG0401 for Target.Gpu.) Public for generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DeviceTensor<T>
    where T : unmanaged
{
    private readonly ArrayView<T> _data;
    private readonly int _length0, _length1, _length2;

    /// <summary>A dense row-major block of two (<paramref name="length2"/> = 0) or three dimensions at the start of <paramref name="data"/>.</summary>
    public DeviceTensor(ArrayView<T> data, int length0, int length1, int length2 = 0)
    {
        _data = data;
        _length0 = length0;
        _length1 = length1;
        _length2 = length2;
    }

    /// <summary>The number of dimensions: 2 or 3.</summary>
    public int Rank => _length2 == 0 ? 2 : 3;

    /// <summary>The length of each dimension, as <c>TensorSpan&lt;T&gt;.Lengths</c> reads them.</summary>
    public DeviceTensorLengths Lengths => new(_length0, _length1, _length2);

    /// <summary>The number of elements.</summary>
    public long FlattenedLength => (long)_length0 * _length1 * (_length2 == 0 ? 1 : _length2);

    /// <summary>Whether it holds no element.</summary>
    public bool IsEmpty => FlattenedLength == 0;

    /// <summary>The element at (<paramref name="i"/>, <paramref name="j"/>) of a two-dimensional block.</summary>
    public ref T this[long i, long j] => ref _data[i * _length1 + j];

    /// <summary>The element at (<paramref name="i"/>, <paramref name="j"/>, <paramref name="k"/>) of a three-dimensional block.</summary>
    public ref T this[long i, long j, long k] => ref _data[(i * _length1 + j) * _length2 + k];
}

/// <summary>The lengths of a <see cref="DeviceTensor{T}"/>, indexed by dimension. Public for generated code only.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DeviceTensorLengths
{
    private readonly int _length0, _length1, _length2;

    internal DeviceTensorLengths(int length0, int length1, int length2)
    {
        _length0 = length0;
        _length1 = length1;
        _length2 = length2;
    }

    /// <summary>The length of dimension <paramref name="dimension"/>.</summary>
    public long this[int dimension] => dimension == 0 ? _length0 : dimension == 1 ? _length1 : _length2;
}
