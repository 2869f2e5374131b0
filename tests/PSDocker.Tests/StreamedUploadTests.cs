using PSDocker.Archives;

namespace PSDocker.Tests;

/// <summary>
/// Who is to blame when an upload (build context, docker cp) fails: the local archive writer when it failed
/// first (a file that could not be read), the request when it failed first (the engine went away mid-upload),
/// even though the writer then fails too, writing into a pipe nobody reads.
/// </summary>
public class StreamedUploadTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_producer_that_fails_first_is_the_cause()
    {
        var local = new IOException("Input/output error reading blob");
        var upload = StreamedUpload.RunAsync<long>(
            async (stream, ct) =>
            {
                await stream.WriteAsync(new byte[4096], ct);
                throw local;
            },
            async (stream, ct) =>
            {
                var buffer = new byte[8192];
                while (await stream.ReadAsync(buffer, ct) > 0)
                {
                }
            },
            CancellationToken.None);

        var thrown = await Assert.ThrowsAsync<StreamedUpload.ProducerFailedException>(() => upload.WaitAsync(Bound));
        Assert.Same(local, thrown.InnerException);
    }

    [Fact]
    public async Task A_request_that_fails_first_is_the_cause_even_when_the_producer_then_fails_writing()
    {
        var lost = new HttpRequestException("Connection reset by peer");
        var producerSawFailure = new TaskCompletionSource();
        var upload = StreamedUpload.RunAsync<long>(
            async (stream, ct) =>
            {
                try
                {
                    // Writes until the pipe refuses: the reader is gone. Not the cancellation token: a tar writer
                    // wraps what it meets in its own exception.
                    var chunk = new byte[65536];
                    for (var i = 0; i < 10_000; i++)
                    {
                        await stream.WriteAsync(chunk, CancellationToken.None);
                    }

                    return 0;
                }
                catch (Exception e)
                {
                    producerSawFailure.TrySetResult();
                    throw new InvalidDataException("tar: could not write entry", e);
                }
            },
            async (stream, ct) =>
            {
                // Some of the archive goes out, then the connection breaks.
                var buffer = new byte[8192];
                await stream.ReadExactlyAsync(buffer, ct);
                throw lost;
            },
            CancellationToken.None);

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => upload.WaitAsync(Bound));
        Assert.Same(lost, thrown);
        Assert.True(producerSawFailure.Task.IsCompleted, "the producer was stopped rather than left waiting for room in the pipe");
    }

    [Fact]
    public async Task A_whole_upload_returns_what_the_producer_returned()
    {
        var upload = StreamedUpload.RunAsync(
            async (stream, ct) =>
            {
                await stream.WriteAsync(new byte[3 * 1024 * 1024], ct);
                return 3L * 1024 * 1024;
            },
            async (stream, ct) =>
            {
                var buffer = new byte[65536];
                long total = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                }

                Assert.Equal(3L * 1024 * 1024, total);
            },
            CancellationToken.None);

        Assert.Equal(3L * 1024 * 1024, await upload.WaitAsync(Bound));
    }
}
