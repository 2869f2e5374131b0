using System.Text.RegularExpressions;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>The format views, rendered by the engine's own formatter as a user's console would show them.</summary>
[Collection(EngineCollection.Name)]
public class FormatTests
{
    private readonly EngineFixture _engine;

    public FormatTests(EngineFixture engine) => _engine = engine;

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private static string Header(List<string> lines, string startsWith) =>
        lines.First(l => l.StartsWith(startsWith, StringComparison.Ordinal));

    private static void AssertColumns(string header, params string[] columns)
    {
        var at = -1;
        foreach (var column in columns)
        {
            var next = header.IndexOf(column, at + 1, StringComparison.Ordinal);
            Assert.True(next > at, $"'{column}' missing or out of order in: {header}");
            at = next;
        }
    }

    [Fact]
    public void Containers_render_like_docker_ps()
    {
        var name = "psdt-fmt-" + Guid.NewGuid().ToString("N")[..6];
        using var c = _engine.Container("fmt", "--name", name, EngineFixture.TestImage, "sleep", "60");
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        var lines = CaptureHost.Render("Get-DockerContainer -Name $n", Vars(("n", name)));
        AssertColumns(Header(lines, "CONTAINER ID"), "CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES");
        var row = lines.Single(l => l.StartsWith(c.Id[..12], StringComparison.Ordinal));
        Assert.Matches(new Regex("^" + c.Id[..12] + @" +psdocker-test/busybox:latest +""sleep 60"" +(Less than a second|\d+ seconds?) ago +Up .* " + name + "$"), row);
    }

    [Fact]
    public void Images_render_like_docker_images_and_history_like_docker_history()
    {
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        var lines = CaptureHost.Render("Get-DockerImage -Name psdocker-test/busybox");
        AssertColumns(Header(lines, "REPOSITORY"), "REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        var id = _engine.DockerOk("image", "inspect", "--format", "{{.Id}}", EngineFixture.TestImage)[7..19];
        Assert.Matches(new Regex(@"^psdocker-test/busybox +latest +" + id + @" +.+ ago +\d+(\.\d+)?[kMG]?B$"), lines.Single(l => l.StartsWith("psdocker-test/busybox", StringComparison.Ordinal)));

        var history = CaptureHost.Render("Get-DockerImageHistory psdocker-test/busybox");
        AssertColumns(Header(history, "IMAGE"), "IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
        Assert.Contains(history, l => l.Contains("COPY", StringComparison.Ordinal));
    }

    [Fact]
    public void Logs_render_as_plain_lines_and_with_timestamps_on_request()
    {
        using var c = _engine.Exited("fmt-logs", EngineFixture.TestImage, "sh", "-c", "echo first line; echo second line");
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        var plain = CaptureHost.Render("Get-DockerContainerLog -Id $id", Vars(("id", c.Id))).Where(l => l.Length > 0).ToList();
        Assert.Equal(new[] { "first line", "second line" }, plain);

        var stamped = CaptureHost.Render("Get-DockerContainerLog -Id $id -Timestamps", Vars(("id", c.Id))).Where(l => l.Length > 0).ToList();
        Assert.Equal(2, stamped.Count);
        Assert.All(stamped, l => Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z (first|second) line$"), l));
    }

    [Fact]
    public void Version_info_and_stats_render()
    {
        using var c = _engine.Container("fmt-stats", EngineFixture.TestImage, "sleep", "60");
        using var env = EnvScope.Clean(("DOCKER_HOST", _engine.Host));
        var version = CaptureHost.Render("Get-DockerVersion");
        Assert.Contains(version, l => Regex.IsMatch(l, @"^NegotiatedApiVersion +: 1\.\d+$"));
        var info = CaptureHost.Render("Get-DockerInfo");
        Assert.Contains(info, l => Regex.IsMatch(l, @"^Containers +: \d+ \(running \d+, paused \d+, stopped \d+\)$"));
        var stats = CaptureHost.Render("Get-DockerContainerStatistic -Id $id", Vars(("id", c.Id)));
        AssertColumns(Header(stats, "CONTAINER ID"), "CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS");
        Assert.Contains(stats, l => l.StartsWith(c.Id[..12], StringComparison.Ordinal) && l.Contains('%'));
    }
}
