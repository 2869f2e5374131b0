using System.Net.Http;

namespace PSDocker.Tests.Harness;

/// <summary>Debian's docker-registry on 127.0.0.1:port with storage in a temp folder (optionally htpasswd auth).</summary>
public sealed class TestRegistry : IDisposable
{
    private readonly string _folder;
    private readonly System.Diagnostics.Process _process;

    private TestRegistry(string folder, System.Diagnostics.Process process, int port)
    {
        _folder = folder;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>host:port, as image references name it.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public static TestRegistry Start(string? htpasswd)
    {
        var registry = Processes.Which("docker-registry") ?? throw new InvalidOperationException("docker-registry is not installed (apt-get install -y docker-registry)");
        var folder = Directory.CreateTempSubdirectory("psdt-reg-").FullName;
        var port = EngineFixture.FreePort();
        var auth = htpasswd is null ? string.Empty : $"auth:\n  htpasswd:\n    realm: psdocker-test\n    path: {htpasswd}\n";
        File.WriteAllText(Path.Combine(folder, "config.yml"),
            $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {folder}/data\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n{auth}");
        var info = new System.Diagnostics.ProcessStartInfo(registry) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(Path.Combine(folder, "config.yml"));
        var process = System.Diagnostics.Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                var response = http.GetAsync($"http://127.0.0.1:{port}/v2/").GetAwaiter().GetResult();
                if ((int)response.StatusCode is 200 or 401)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                throw new InvalidOperationException("docker-registry did not start on 127.0.0.1:" + port);
            }

            Thread.Sleep(100);
        }

        return new TestRegistry(folder, process, port);
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
