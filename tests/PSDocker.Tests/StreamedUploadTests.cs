using PSDocker.Archives;

namespace PSDocker.Tests;

/// <summary>
/// Who is to blame when an upload (build context, docker cp) fails: the local archive writer when it failed
/// first (a file that could not be read), the connection when it failed first (the engine went away
/// mid-upload), even though the writer then fails too. The consumers copy the body as the HTTP transports do
/// (StreamContent calls CopyToAsync), into a sink that stands for the connection.
/// </summary>
public class StreamedUploadTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_producer_that_fails_first_is_the_cause()
    {
        var local = new IOException("Input/output error reading blob");
        var upload = StreamedUpload.DirectAsync<long>(
            async (stream, ct) =>
            {
                await stream.WriteAsync(new byte[4096], ct);
                throw local;
            },
            (stream, ct) => stream.CopyToAsync(new MemoryStream(), 4096, ct),
            CancellationToken.None);

        var thrown = await Assert.ThrowsAsync<StreamedUpload.ProducerFailedException>(() => upload.WaitAsync(Bound));
        Assert.Same(local, thrown.InnerException);
    }

    [Fact]
    public async Task A_connection_that_fails_first_is_the_cause_even_when_the_producer_then_fails_writing()
    {
        var lost = new HttpRequestException("Connection reset by peer");
        var producerSawFailure = false;
        var upload = StreamedUpload.DirectAsync<long>(
            async (stream, ct) =>
            {
                try
                {
                    var chunk = new byte[65536];
                    for (var i = 0; i < 10_000; i++)
                    {
                        await stream.WriteAsync(chunk, CancellationToken.None);
                    }

                    return 0;
                }
                catch (Exception e)
                {
                    // A tar writer wraps what it meets in its own exception.
                    producerSawFailure = true;
                    throw new InvalidDataException("tar: could not write entry", e);
                }
            },
            async (stream, ct) =>
            {
                // Some of the archive goes out, then the connection breaks; the transport reports it its own way.
                try
                {
                    await stream.CopyToAsync(new BreakingStream(200_000), 4096, ct);
                }
                catch (Exception)
                {
                    throw lost;
                }
            },
            CancellationToken.None);

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => upload.WaitAsync(Bound));
        Assert.Same(lost, thrown);
        Assert.True(producerSawFailure, "the producer met the broken connection");
    }

    [Fact]
    public async Task A_whole_upload_arrives_in_large_writes_and_returns_what_the_producer_returned()
    {
        var sink = new CountingSink();
        var upload = StreamedUpload.DirectAsync(
            async (stream, ct) =>
            {
                // Small writes, as a tar writer makes them for headers, then one large one.
                for (var i = 0; i < 1024; i++)
                {
                    await stream.WriteAsync(new byte[512], ct);
                }

                await stream.WriteAsync(new byte[3 * 1024 * 1024], ct);
                return 3L * 1024 * 1024 + 512 * 1024;
            },
            (stream, ct) => stream.CopyToAsync(sink, 4096, ct),
            CancellationToken.None);

        Assert.Equal(3L * 1024 * 1024 + 512 * 1024, await upload.WaitAsync(Bound));
        Assert.Equal(3L * 1024 * 1024 + 512 * 1024, sink.Total);
        // The 512-byte writes reach the connection gathered (64 KiB each), not one by one.
        Assert.True(sink.Writes <= 10, $"{sink.Writes} writes reached the connection");
    }

    /// <summary>A connection that takes <c>limit</c> bytes, then breaks.</summary>
    private sealed class BreakingStream(long limit) : MemoryStream
    {
        private long _written;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _written += count;
            return _written > limit ? Task.FromException(new IOException("Broken pipe")) : Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(WriteAsync(buffer.ToArray(), 0, buffer.Length, cancellationToken));
    }

    private sealed class CountingSink : MemoryStream
    {
        public long Total { get; private set; }

        public int Writes { get; private set; }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Total += count;
            Writes++;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(WriteAsync(buffer.ToArray(), 0, buffer.Length, cancellationToken));
    }
}
