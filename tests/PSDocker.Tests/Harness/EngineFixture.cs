using System.Net;
using System.Net.Sockets;

namespace PSDocker.Tests.Harness;

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "Docker engine";
}

/// <summary>
/// The engine the tests talk to. With PSDOCKER_TEST_DOCKER_HOST set, that engine; otherwise (as root, with
/// dockerd on PATH) a private dockerd with its own data-root, exec-root and socket, --bridge=none, also
/// listening on tcp://127.0.0.1:port with --tlsverify and certificates made by openssl for this run.
/// Stopped and removed at the end. Without either, every test that needs it fails saying what to install.
/// </summary>
public sealed class EngineFixture : IDisposable
{
    public const string TestImage = "psdocker-test/busybox:latest";
    public const string TestLabel = "psdocker.test";

    private readonly string? _folder;
    private readonly int? _pid;
    private readonly Exception? _startFailure;
    private readonly string? _host;

    public EngineFixture()
    {
        var external = Environment.GetEnvironmentVariable("PSDOCKER_TEST_DOCKER_HOST");
        try
        {
            if (!string.IsNullOrEmpty(external))
            {
                _host = external;
                EnsureTestImage();
                return;
            }

            var dockerd = Processes.Which("dockerd");
            var docker = Processes.Which("docker");
            if (dockerd is null || docker is null || Environment.UserName != "root" || BusyboxPath() is null || Processes.Which("openssl") is null)
            {
                throw new InvalidOperationException(
                    "No Docker engine for the tests. Either set PSDOCKER_TEST_DOCKER_HOST to an engine the tests may use, " +
                    "or run them as root with Debian's packages installed: apt-get install -y docker.io docker-registry busybox-static openssl apache2-utils " +
                    $"(found: dockerd={dockerd ?? "missing"}, docker={docker ?? "missing"}, busybox={BusyboxPath() ?? "missing"}, user={Environment.UserName}).");
            }

            _folder = Directory.CreateTempSubdirectory("psdt-").FullName;
            Tls = TestCertificates.Create(Path.Combine(_folder, "tls"));
            TlsPort = FreePort();
            _host = "unix://" + Path.Combine(_folder, "docker.sock");
            var log = Path.Combine(_folder, "dockerd.log");
            var args = string.Join(' ', new[]
            {
                "--data-root", Path.Combine(_folder, "data"),
                "--exec-root", Path.Combine(_folder, "x"),
                "--pidfile", Path.Combine(_folder, "dockerd.pid"),
                "-H", _host,
                "-H", $"tcp://127.0.0.1:{TlsPort}",
                "--tlsverify",
                "--tlscacert", Path.Combine(Tls.ServerFolder, "ca.pem"),
                "--tlscert", Path.Combine(Tls.ServerFolder, "server-cert.pem"),
                "--tlskey", Path.Combine(Tls.ServerFolder, "server-key.pem"),
                "--bridge=none", "--iptables=false", "--ip6tables=false",
            });
            // Detached through sh so the daemon outlives nothing of ours but can be stopped by pid.
            var started = Processes.Run("/bin/sh", new[] { "-c", $"{dockerd} {args} >{log} 2>&1 & echo $!" });
            _pid = int.Parse(started.StdOut.Trim());
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Docker("version").ExitCode != 0)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("The private dockerd did not start in 60 s:\n" + File.ReadAllText(log));
                }

                Thread.Sleep(250);
            }

            EnsureTestImage();
        }
        catch (Exception e)
        {
            _startFailure = e;
        }
    }

    /// <summary>The engine's address, e.g. unix:///tmp/psdt-x/docker.sock. Throws when no engine could be had.</summary>
    public string Host
    {
        get
        {
            if (_startFailure != null)
            {
                throw new InvalidOperationException("The test engine is not available: " + _startFailure.Message, _startFailure);
            }

            return _host!;
        }
    }

    public TestCertificates? Tls { get; }

    private TestRegistry? _registry;
    private readonly object _registrySync = new();

    /// <summary>A real registry (docker-registry) on 127.0.0.1, started on first use and stopped with the fixture.</summary>
    public TestRegistry Registry
    {
        get
        {
            lock (_registrySync)
            {
                return _registry ??= TestRegistry.Start(htpasswd: null);
            }
        }
    }

    /// <summary>Runs the real docker CLI against the test engine and fails the test when it fails.</summary>
    public string DockerOk(params string[] args) => Docker(args).EnsureSuccess("docker " + string.Join(' ', args)).StdOut.Trim();

    /// <summary>A container that ran to its end (whatever its exit code): labelled, removed by the returned handle.</summary>
    public TestContainer Exited(string label, params string[] createArgs)
    {
        var container = new TestContainer(this, DockerOk(new[] { "create", "--label", TestLabel + "=" + label }.Concat(createArgs).ToArray()));
        Docker("start", "-a", container.Id);
        return container;
    }

    /// <summary>A container made with the CLI for a test: labelled, removed by the returned handle.</summary>
    public TestContainer Container(string label, params string[] runArgs) =>
        new(this, DockerOk(new[] { "run", "-d", "--label", TestLabel + "=" + label }.Concat(runArgs).ToArray()));

    public int TlsPort { get; }

    public string TlsHost => Tls is null
        ? throw new InvalidOperationException("TLS tests need the private engine (PSDOCKER_TEST_DOCKER_HOST names an engine without the test TLS listener); unset it and run as root.")
        : $"tcp://127.0.0.1:{TlsPort}";

    /// <summary>Runs the real docker CLI against the test engine.</summary>
    public Processes.Result Docker(params string[] args) =>
        Processes.Run("docker", new[] { "-H", _host! }.Concat(args), new Dictionary<string, string?>
        {
            ["DOCKER_BUILDKIT"] = "0",
            ["DOCKER_CONTEXT"] = null,
            ["DOCKER_TLS_VERIFY"] = null,
            ["DOCKER_CERT_PATH"] = null,
        });

    private void EnsureTestImage()
    {
        if (Docker("image", "inspect", TestImage).ExitCode == 0)
        {
            return;
        }

        var context = Directory.CreateTempSubdirectory("psdt-img-").FullName;
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(context, "bin")).FullName;
            var busybox = BusyboxPath() ?? throw new InvalidOperationException("busybox-static is not installed");
            File.Copy(busybox, Path.Combine(bin, "busybox"));
            var applets = Processes.Run(busybox, new[] { "--list" }).EnsureSuccess("busybox --list").StdOut
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var applet in applets.Where(a => a != "busybox"))
            {
                File.CreateSymbolicLink(Path.Combine(bin, applet), "busybox");
            }

            File.WriteAllText(Path.Combine(context, "Dockerfile"),
                $"FROM scratch\nCOPY bin /bin\nLABEL {TestLabel}=image\nCMD [\"/bin/sh\"]\n");
            Docker("build", "-q", "-t", TestImage, context).EnsureSuccess("Building the test image");
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    private static string? BusyboxPath() =>
        new[] { "/bin/busybox", "/usr/bin/busybox" }.FirstOrDefault(File.Exists);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _registry?.Dispose();
        if (_pid is int pid)
        {
            Processes.Run("kill", new[] { "-TERM", pid.ToString() });
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Directory.Exists($"/proc/{pid}") && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }

            if (Directory.Exists($"/proc/{pid}"))
            {
                Processes.Run("kill", new[] { "-KILL", pid.ToString() });
            }
        }

        if (_folder != null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A mount the daemon left behind; the temp folder is the only casualty.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
