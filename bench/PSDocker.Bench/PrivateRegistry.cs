using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

/// <summary>
/// The registry the bench starts for itself when none is named (PSDOCKER_BENCH_REGISTRY): Debian's docker-registry
/// on a free 127.0.0.1 port with its storage in a temporary folder, as the Pester suite's. An engine trusts a
/// 127.0.0.0/8 registry over plain HTTP by default. Disposing stops it and removes the folder.
/// </summary>
sealed class PrivateRegistry : IDisposable
{
    private readonly Process _registry;
    private readonly string _folder;

    private PrivateRegistry(Process registry, string folder, string address)
    {
        _registry = registry;
        _folder = folder;
        Address = address;
    }

    /// <summary>127.0.0.1:port, as image references name it.</summary>
    public string Address { get; }

    public static PrivateRegistry Start()
    {
        var program = PrivateEngine.Which("docker-registry")
            ?? throw new InvalidOperationException("No registry named (PSDOCKER_BENCH_REGISTRY) and docker-registry is not installed (Debian's docker-registry).");
        var folder = Directory.CreateDirectory(Path.Combine("/tmp", "psdb-registry-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var address = "127.0.0.1:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(folder, "config.yml"),
            "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: " + folder + "/data\n  delete:\n    enabled: true\nhttp:\n  addr: " + address + "\n");
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(Path.Combine(folder, "config.yml"));
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new PrivateRegistry(process, folder, address);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                registry.Dispose();
                throw new InvalidOperationException("The bench's registry did not answer on " + address + " within 20 s.");
            }

            try
            {
                if (http.GetAsync("http://" + address + "/v2/").GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return registry;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            Thread.Sleep(100);
        }
    }

    public void Dispose()
    {
        if (!_registry.HasExited)
        {
            _registry.Kill();
            _registry.WaitForExit(10_000);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
