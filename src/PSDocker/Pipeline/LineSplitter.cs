using System.Collections.Generic;
using System.Text;

namespace PSDocker.Pipeline
{
    /// <summary>
    /// Turns a byte stream into text lines as bytes arrive (UTF-8, split on \n, a trailing \r dropped), keeping
    /// only the unfinished line: streams of any length take constant memory.
    /// </summary>
    internal sealed class LineSplitter
    {
        private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
        private readonly StringBuilder _pending = new StringBuilder();
        private char[] _chars = new char[4096];

        /// <summary>Adds bytes and appends each line they complete to <paramref name="lines"/>.</summary>
        public void Push(byte[] buffer, int offset, int count, List<string> lines)
        {
            var needed = _decoder.GetCharCount(buffer, offset, count);
            if (needed > _chars.Length)
            {
                _chars = new char[needed];
            }

            var length = _decoder.GetChars(buffer, offset, count, _chars, 0);
            var start = 0;
            for (var i = 0; i < length; i++)
            {
                if (_chars[i] != '\n')
                {
                    continue;
                }

                var end = i > start && _chars[i - 1] == '\r' ? i - 1 : i;
                if (_pending.Length == 0)
                {
                    lines.Add(new string(_chars, start, end - start));
                }
                else
                {
                    _pending.Append(_chars, start, end - start);
                    var line = _pending.ToString();
                    if (line.Length > 0 && line[line.Length - 1] == '\r' && end == i)
                    {
                        line = line.Substring(0, line.Length - 1);
                    }

                    lines.Add(line);
                    _pending.Clear();
                }

                start = i + 1;
            }

            if (start < length)
            {
                _pending.Append(_chars, start, length - start);
            }
        }

        /// <summary>The unfinished last line, if the stream ended without a newline.</summary>
        public string? Flush()
        {
            if (_pending.Length == 0)
            {
                return null;
            }

            var line = _pending.ToString();
            _pending.Clear();
            return line.EndsWith("\r", System.StringComparison.Ordinal) ? line.Substring(0, line.Length - 1) : line;
        }
    }
}
