using System.Collections;
using System.Collections.Generic;

namespace SourceGen;

/// <summary>Loop helpers for kernels. <c>using static SourceGen.Loops;</c> to write <c>Prange(n)</c>.</summary>
public static class Loops
{
    /// <summary>
    /// The integers <c>0 .. count-1</c>, in order; empty when <paramref name="count"/> &lt;= 0, as Python's
    /// <c>range</c>. In a kernel as written it is an ordinary serial loop; in a <c>[Parallel]</c> entry point
    /// the generator splits its iterations across threads.
    /// </summary>
    public static RangeEnumerable Prange(int count) => new(0, count);

    /// <summary>The integers <c>start .. end-1</c>, in order; empty when <paramref name="start"/> &gt;= <paramref name="end"/>.</summary>
    public static RangeEnumerable Prange(int start, int end) => new(start, end);

    /// <summary>A half-open integer range that <c>foreach</c> walks without allocating.</summary>
    public readonly struct RangeEnumerable : IEnumerable<int>
    {
        private readonly int _start;
        private readonly int _end;

        internal RangeEnumerable(int start, int end)
        {
            _start = start;
            _end = end < start ? start : end;
        }

        /// <summary>The number of integers in the range.</summary>
        public int Count => _end - _start;

        /// <summary>Returns an enumerator over the range.</summary>
        public Enumerator GetEnumerator() => new(_start, _end);

        IEnumerator<int> IEnumerable<int>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Walks a <see cref="RangeEnumerable"/>.</summary>
        public struct Enumerator : IEnumerator<int>
        {
            private readonly int _end;
            private int _current;

            internal Enumerator(int start, int end)
            {
                _current = start - 1;
                _end = end;
            }

            /// <inheritdoc />
            public readonly int Current => _current;

            readonly object IEnumerator.Current => _current;

            /// <inheritdoc />
            public bool MoveNext() => ++_current < _end;

            /// <inheritdoc />
            public void Reset() => throw new System.NotSupportedException();

            /// <inheritdoc />
            public readonly void Dispose() { }
        }
    }
}
