using System.Diagnostics;

/// <summary>
/// The engine the bench starts for itself when none is named: a dockerd of its own in a temporary folder (data,
/// exec root, pidfile, socket), loopback only, as the Pester suite's, with a busybox image built FROM scratch from
/// Debian's busybox-static. Disposing stops it and removes the folder. Needs root, dockerd, docker and busybox.
/// With <c>tls</c> (and openssl) it also listens on tcp://127.0.0.1:port with --tlsverify and certificates made for the run.
/// </summary>
sealed class PrivateEngine : IDisposable
{
    public const string ImageName = "psdocker-bench/busybox:latest";

    private readonly Process _dockerd;
    private readonly string _folder;

    private PrivateEngine(Process dockerd, string folder, string host, string? tlsHost, string? tlsCertPath)
    {
        _dockerd = dockerd;
        _folder = folder;
        Host = host;
        TlsHost = tlsHost;
        TlsCertPath = tlsCertPath;
    }

    public string Host { get; }

    /// <summary>tcp://127.0.0.1:port speaking TLS only (client certificate required); null unless started with tls.</summary>
    public string? TlsHost { get; }

    /// <summary>The client's ca.pem, cert.pem and key.pem, as DOCKER_CERT_PATH wants them.</summary>
    public string? TlsCertPath { get; }

    /// <summary>Starts one; <paramref name="name"/> tells several apart, <paramref name="withImage"/> builds the busybox image.</summary>
    public static PrivateEngine Start(string name = "", bool withImage = true, bool tls = false)
    {
        var missing = new[] { "dockerd", "docker", "busybox" }.Where(tool => Which(tool) is null).ToList();
        if (missing.Count > 0 || Environment.UserName != "root")
        {
            throw new InvalidOperationException("No engine named (PSDOCKER_BENCH_DOCKER_HOST, DOCKER_HOST) and none can be started here: "
                + (missing.Count > 0 ? "missing " + string.Join(", ", missing) : "dockerd needs root")
                + ". Install docker.io and busybox-static and run as root, or name a unix:// engine.");
        }

        // A short path: the engine's sockets live under it, and Unix socket paths are limited to 108 bytes.
        var folder = Path.Combine("/tmp", "psdb-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + name);
        Directory.CreateDirectory(folder);
        var host = "unix://" + folder + "/docker.sock";
        var info = new ProcessStartInfo(Which("dockerd")!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--data-root", folder + "/data", "--exec-root", folder + "/x", "--pidfile", folder + "/dockerd.pid", "-H", host, "--bridge=none", "--iptables=false", "--ip6tables=false" })
        {
            info.ArgumentList.Add(argument);
        }

        string? tlsHost = null, tlsCertPath = null;
        if (tls && Which("openssl") != null)
        {
            tlsCertPath = MakeCertificates(Path.Combine(folder, "tls"));
            tlsHost = "tcp://127.0.0.1:" + FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var argument in new[] { "-H", tlsHost, "--tlsverify", "--tlscacert", tlsCertPath + "/ca.pem", "--tlscert", folder + "/tls/server-cert.pem", "--tlskey", folder + "/tls/server-key.pem" })
            {
                info.ArgumentList.Add(argument);
            }
        }

        var dockerd = Process.Start(info)!;
        dockerd.OutputDataReceived += (_, _) => { };
        dockerd.ErrorDataReceived += (_, _) => { };
        dockerd.BeginOutputReadLine();
        dockerd.BeginErrorReadLine();
        var engine = new PrivateEngine(dockerd, folder, host, tlsHost, tlsCertPath);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Docker(host, "version") != 0)
            {
                if (dockerd.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("The bench's dockerd did not answer within 60 s (exit: " + (dockerd.HasExited ? dockerd.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running") + ").");
                }

                Thread.Sleep(200);
            }

            if (!withImage)
            {
                return engine;
            }

            var context = Directory.CreateDirectory(Path.Combine(folder, "image")).FullName;
            File.Copy(Which("busybox")!, Path.Combine(context, "busybox"));
            File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\nCMD [\"/bin/sh\"]\n");
            if (Docker(host, "build", "-q", "-t", ImageName, context) != 0)
            {
                throw new InvalidOperationException("The bench's busybox image could not be built.");
            }
        }
        catch
        {
            engine.Dispose();
            throw;
        }

        return engine;
    }

    public void Dispose()
    {
        if (!_dockerd.HasExited)
        {
            Process.Start("kill", new[] { "-TERM", _dockerd.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })!.WaitForExit();
            if (!_dockerd.WaitForExit(30_000))
            {
                _dockerd.Kill();
                _dockerd.WaitForExit(10_000);
            }
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A mount the engine left behind; the folder is in /tmp.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A CA, a server certificate for 127.0.0.1 (in <paramref name="folder"/>) and a client's (in folder/client, returned).</summary>
    private static string MakeCertificates(string folder)
    {
        var client = Directory.CreateDirectory(Path.Combine(folder, "client")).FullName;
        string P(string file) => Path.Combine(folder, file);
        void OpenSsl(params string[] arguments)
        {
            var (exitCode, _, error) = ChildProcess.Run("openssl", arguments);
            if (exitCode != 0)
            {
                throw new InvalidOperationException("openssl " + string.Join(' ', arguments) + " failed: " + error);
            }
        }

        OpenSsl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", P("ca-key.pem"), "-out", Path.Combine(client, "ca.pem"), "-days", "2", "-subj", "/CN=PSDocker bench CA");
        File.WriteAllText(P("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        OpenSsl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", P("server-key.pem"), "-out", P("server.csr"), "-subj", "/CN=localhost");
        OpenSsl("x509", "-req", "-in", P("server.csr"), "-CA", Path.Combine(client, "ca.pem"), "-CAkey", P("ca-key.pem"), "-set_serial", "1001", "-days", "2", "-sha256", "-extfile", P("server.ext"), "-out", P("server-cert.pem"));
        File.WriteAllText(P("client.ext"), "extendedKeyUsage=clientAuth\n");
        OpenSsl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", Path.Combine(client, "key.pem"), "-out", P("client.csr"), "-subj", "/CN=psdocker-bench");
        OpenSsl("x509", "-req", "-in", P("client.csr"), "-CA", Path.Combine(client, "ca.pem"), "-CAkey", P("ca-key.pem"), "-set_serial", "1002", "-days", "2", "-sha256", "-extfile", P("client.ext"), "-out", Path.Combine(client, "cert.pem"));
        return client;
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static int Docker(string host, params string[] arguments) =>
        ChildProcess.Run("docker", new[] { "-H", host }.Concat(arguments), new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" }).ExitCode;

    internal static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
