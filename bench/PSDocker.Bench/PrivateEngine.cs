using System.Diagnostics;

/// <summary>
/// The engine the bench starts for itself when none is named: a dockerd of its own in a temporary folder (data,
/// exec root, pidfile, socket), loopback only, as the Pester suite's, with a busybox image built FROM scratch from
/// Debian's busybox-static. Disposing stops it and removes the folder. Needs root, dockerd, docker and busybox.
/// </summary>
sealed class PrivateEngine : IDisposable
{
    public const string ImageName = "psdocker-bench/busybox:latest";

    private readonly Process _dockerd;
    private readonly string _folder;

    private PrivateEngine(Process dockerd, string folder, string host)
    {
        _dockerd = dockerd;
        _folder = folder;
        Host = host;
    }

    public string Host { get; }

    /// <summary>Starts one; <paramref name="name"/> tells several apart, <paramref name="withImage"/> builds the busybox image.</summary>
    public static PrivateEngine Start(string name = "", bool withImage = true)
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

        var dockerd = Process.Start(info)!;
        dockerd.OutputDataReceived += (_, _) => { };
        dockerd.ErrorDataReceived += (_, _) => { };
        dockerd.BeginOutputReadLine();
        dockerd.BeginErrorReadLine();
        var engine = new PrivateEngine(dockerd, folder, host);
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

    private static int Docker(string host, params string[] arguments)
    {
        var info = new ProcessStartInfo("docker") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-H");
        info.ArgumentList.Add(host);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOCKER_BUILDKIT"] = "0";
        using var process = Process.Start(info)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    internal static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
