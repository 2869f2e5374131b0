using System.Threading;
using System.Threading.Tasks;

namespace PSDocker.Terminal
{
    /// <summary>One read from an attached container: bytes of stdout or stderr, or the end of the stream.</summary>
    internal readonly struct AttachedRead
    {
        public AttachedRead(int count, bool isError, bool isEnd)
        {
            Count = count;
            IsError = isError;
            IsEnd = isEnd;
        }

        public int Count { get; }

        public bool IsError { get; }

        public bool IsEnd { get; }
    }

    /// <summary>
    /// A hijacked attach or exec connection as the protocol loop uses it: frames (or, with a TTY, raw bytes) out,
    /// stdin in, and a half-close when stdin ends.
    /// </summary>
    internal interface IAttachedStream
    {
        Task<AttachedRead> ReadAsync(byte[] buffer, CancellationToken cancellationToken);

        Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken);

        void CloseWrite();
    }
}
