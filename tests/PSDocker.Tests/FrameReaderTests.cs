using System.Text;
using PSDocker.Api;

namespace PSDocker.Tests;

/// <summary>
/// The logs reader (FrameReader): the engine's HTTP/1.1 answer and its 8-byte stream frames taken apart in the
/// buffer, whatever size the reads come in. Against a scripted connection, so every cut is tried; what a user sees
/// of logs is in tests/Pester/ContainerLogsExec.Tests.ps1.
/// </summary>
public class FrameReaderTests
{
    /// <summary>
    /// A connection whose reads hand out the scripted answer at most <see cref="_piece"/> bytes at a time. After the
    /// answer the engine sends nothing and keeps the connection open: a read there would wait for ever, so it fails
    /// the test instead, unless <see cref="_closes"/> (the engine closes the connection: the read gets 0).
    /// </summary>
    private sealed class ScriptedConnection : Stream
    {
        private readonly byte[] _answer;
        private readonly int _piece;
        private readonly bool _closes;
        private int _position;

        public ScriptedConnection(byte[] answer, int piece, bool closes = false)
        {
            _answer = answer;
            _piece = piece;
            _closes = closes;
        }

        public MemoryStream Sent { get; } = new();

        public int Consumed => _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position == _answer.Length && !_closes)
            {
                throw new InvalidOperationException("A read after the whole answer: on a real connection it would wait for ever.");
            }

            var take = Math.Min(Math.Min(count, _piece), _answer.Length - _position);
            Buffer.BlockCopy(_answer, _position, buffer, offset, take);
            _position += take;
            return take;
        }

        public override void Write(byte[] buffer, int offset, int count) => Sent.Write(buffer, offset, count);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static byte[] Frame(int stream, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new byte[8 + payload.Length];
        frame[0] = (byte)stream;
        frame[4] = (byte)(payload.Length >> 24);
        frame[5] = (byte)(payload.Length >> 16);
        frame[6] = (byte)(payload.Length >> 8);
        frame[7] = (byte)payload.Length;
        payload.CopyTo(frame, 8);
        return frame;
    }

    /// <summary>A chunked answer whose chunks are cut from <paramref name="body"/> at <paramref name="chunk"/> bytes (not at frame edges).</summary>
    private static byte[] Chunked(int status, byte[] body, int chunk, string contentType = "application/vnd.docker.raw-stream")
    {
        var answer = new MemoryStream();
        void Ascii(string s) => answer.Write(Encoding.ASCII.GetBytes(s));
        Ascii($"HTTP/1.1 {status} OK\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (var i = 0; i < body.Length; i += chunk)
        {
            var n = Math.Min(chunk, body.Length - i);
            Ascii(n.ToString("x") + ";ext=1\r\n");
            answer.Write(body, i, n);
            Ascii("\r\n");
        }

        Ascii("0\r\nX-Trailer: yes\r\n\r\n");
        return answer.ToArray();
    }

    private static (string stdout, string stderr) Read(ScriptedConnection connection, bool multiplexed)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        FrameReader.Read(connection, "localhost", "/v1.41/containers/abc/logs?stdout=1", multiplexed,
            (isError, buffer, offset, count) => (isError ? stderr : stdout).Write(buffer, offset, count));
        return (Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public void Frames_cut_anywhere_by_chunks_and_reads_come_out_whole_and_in_order_per_stream()
    {
        var body = new MemoryStream();
        var expectedOut = new StringBuilder();
        var expectedErr = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            var text = $"2026-12-04T18:00:{i % 60:00}.123456789Z line {i} {new string('é', i % 7)}\n";
            var stream = i % 5 == 0 ? 2 : 1;
            (stream == 2 ? expectedErr : expectedOut).Append(text);
            body.Write(Frame(stream, text));
        }

        body.Write(Frame(1, "")); // an empty frame is legal and carries nothing
        foreach (var chunk in new[] { 1, 3, 7, 8, 9, 61, 4096, 100_000 })
        {
            foreach (var piece in new[] { 1, 2, 5, 13, 65536 })
            {
                // The scripted connection fails any read after the answer's end (it would hang on a real one).
                var connection = new ScriptedConnection(Chunked(200, body.ToArray(), chunk), piece);
                var (stdout, stderr) = Read(connection, multiplexed: true);
                Assert.Equal(expectedOut.ToString(), stdout);
                Assert.Equal(expectedErr.ToString(), stderr);
            }
        }
    }

    [Fact]
    public void The_request_is_one_GET_with_the_host_and_no_Connection_close()
    {
        var connection = new ScriptedConnection(Chunked(200, Frame(1, "x\n"), 64), 64);
        Read(connection, multiplexed: true);
        var sent = Encoding.ASCII.GetString(connection.Sent.ToArray());
        Assert.Equal("GET /v1.41/containers/abc/logs?stdout=1 HTTP/1.1\r\nHost: localhost\r\nUser-Agent: PSDocker\r\n\r\n", sent);
    }

    [Fact]
    public void A_TTY_container_s_answer_is_all_stdout_as_it_comes_by_length_or_to_the_end()
    {
        var text = "tty line 1\r\ntty line 2\r\n";
        var byLength = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {text.Length}\r\n\r\n{text}");
        Assert.Equal((text, ""), Read(new ScriptedConnection(byLength, 3), multiplexed: false));

        var toTheEnd = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n{text}");
        Assert.Equal((text, ""), Read(new ScriptedConnection(toTheEnd, 5, closes: true), multiplexed: false));
        Assert.Equal((text, ""), Read(new ScriptedConnection(Chunked(200, Encoding.ASCII.GetBytes(text), 4), 2), multiplexed: false));
    }

    [Fact]
    public void An_answer_that_is_not_2xx_is_ErrorAnswer_with_its_status_and_body()
    {
        var body = Encoding.UTF8.GetBytes("{\"message\":\"No such container: abc\"}");
        foreach (var piece in new[] { 1, 7, 65536 })
        {
            var error = Assert.Throws<FrameReader.ErrorAnswer>(() => Read(new ScriptedConnection(Chunked(404, body, 5, "application/json"), piece), multiplexed: true));
            Assert.Equal(404, error.Status);
            Assert.Equal("{\"message\":\"No such container: abc\"}", error.Body);
        }

        var byLength = Encoding.ASCII.GetBytes("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\noops");
        Assert.Equal("oops", Assert.Throws<FrameReader.ErrorAnswer>(() => Read(new ScriptedConnection(byLength, 2), multiplexed: true)).Body);
    }

    [Fact]
    public void An_answer_cut_short_or_malformed_is_an_IOException_not_a_quiet_end()
    {
        var whole = Chunked(200, Frame(1, "a whole line\n").Concat(Frame(2, "cut here\n")).ToArray(), 1000);
        var ending = "\r\n0\r\nX-Trailer: yes\r\n\r\n".Length;
        // The engine closes the connection inside the second frame's payload, and inside the trailers.
        Assert.ThrowsAny<IOException>(() => Read(new ScriptedConnection(whole.Take(whole.Length - ending - 4).ToArray(), 4, closes: true), multiplexed: true));
        Assert.ThrowsAny<IOException>(() => Read(new ScriptedConnection(whole.Take(whole.Length - 5).ToArray(), 4, closes: true), multiplexed: true));
        // And inside a frame's header, at a chunk's end.
        var headerCut = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n").Concat(Frame(1, "x").Take(3)).Concat(Encoding.ASCII.GetBytes("\r\n0\r\n\r\n")).ToArray();
        Assert.ThrowsAny<IOException>(() => Read(new ScriptedConnection(headerCut, 64), multiplexed: true));

        var badSize = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        Assert.ThrowsAny<IOException>(() => Read(new ScriptedConnection(badSize, 64), multiplexed: true));

        var badStream = Chunked(200, Frame(7, "?\n"), 64);
        Assert.Contains("Unknown stream type", Assert.ThrowsAny<IOException>(() => Read(new ScriptedConnection(badStream, 64), multiplexed: true)).Message);

        var notHttp = Encoding.ASCII.GetBytes("SSH-2.0-OpenSSH\r\n\r\n");
        Assert.ThrowsAny<IOException>(() => Read(new ScriptedConnection(notHttp, 64), multiplexed: true));
    }
}
