using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace PSDocker.Tests.Harness;

/// <summary>
/// A unix-socket relay in front of the test engine that records each request line ("GET /v1.41/info
/// HTTP/1.1"), so tests can see which API calls a cmdlet really makes.
/// </summary>
public sealed class RequestRecorder : IDisposable
{
    private readonly Socket _listener;
    private readonly string _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _folder;

    public RequestRecorder(string upstreamHost)
    {
        _upstream = upstreamHost.StartsWith("unix://", StringComparison.Ordinal)
            ? upstreamHost.Substring("unix://".Length)
            : throw new ArgumentException("The recorder relays unix sockets only", nameof(upstreamHost));
        _folder = Directory.CreateTempSubdirectory("psdt-rec-").FullName;
        var path = Path.Combine(_folder, "docker.sock");
        Host = "unix://" + path;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(64);
        _ = AcceptLoop();
    }

    public string Host { get; }

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>How many connections the client made.</summary>
    public int Connections => Volatile.Read(ref _connections);

    private int _connections;

    /// <summary>The request paths, e.g. /v1.41/info.</summary>
    public IReadOnlyList<string> Paths => Requests.Select(r => r.Split(' ')[1]).ToList();

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = Relay(client);
        }
    }

    private async Task Relay(Socket client)
    {
        using var _ = client;
        using var upstream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await upstream.ConnectAsync(new UnixDomainSocketEndPoint(_upstream), _stop.Token);
            var up = Pump(client, upstream, record: true);
            var down = Pump(upstream, client, record: false);
            await Task.WhenAny(up, down);
            await Task.WhenAll(up, down).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception)
        {
            // A relay that breaks only loses that one connection; the test sees its failure.
        }
    }

    private async Task Pump(Socket from, Socket to, bool record)
    {
        var buffer = new byte[64 * 1024];
        var head = new StringBuilder();
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0)
            {
                try { to.Shutdown(SocketShutdown.Send); } catch (SocketException) { }
                return;
            }

            if (record)
            {
                // Every request line: a kept connection carries one request after another.
                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                int end;
                while ((end = head.ToString().IndexOf("\r\n", StringComparison.Ordinal)) >= 0)
                {
                    var line = head.ToString(0, end);
                    head.Remove(0, end + 2);
                    if (line.Contains(" HTTP/1.", StringComparison.Ordinal))
                    {
                        Requests.Enqueue(line);
                    }
                }

                if (head.Length > 8192)
                {
                    head.Clear();
                }
            }

            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
