using System.IO;

namespace PSDocker.Terminal
{
    /// <summary>
    /// Watches typed bytes for the detach sequence, as docker's escape proxy does: bytes that start the sequence
    /// are held back until it is complete (detach) or broken (they go on, in order, with the byte that broke it).
    /// </summary>
    internal sealed class DetachKeyMatcher
    {
        private readonly byte[] _keys;
        private int _matched;

        public DetachKeyMatcher(byte[] keys) => _keys = keys;

        /// <summary>Adds to <paramref name="forward"/> what goes to the container; true when the sequence is complete (the rest is dropped).</summary>
        public bool Feed(byte[] input, int offset, int count, MemoryStream forward)
        {
            for (var i = offset; i < offset + count; i++)
            {
                var b = input[i];
                if (_keys.Length > 0 && b == _keys[_matched])
                {
                    if (++_matched == _keys.Length)
                    {
                        _matched = 0;
                        return true;
                    }

                    continue;
                }

                if (_matched > 0)
                {
                    forward.Write(_keys, 0, _matched);
                    _matched = 0;
                    if (b == _keys[0])
                    {
                        _matched = 1;
                        continue;
                    }
                }

                forward.WriteByte(b);
            }

            return false;
        }
    }
}
