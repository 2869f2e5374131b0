namespace PSDocker.Tests.Harness;

/// <summary>A container on the test engine made with the docker CLI for one test (run or create, named, labelled psdocker.test), removed at the end.</summary>
public sealed class ContainerScope : IDisposable
{
    private readonly EngineFixture _engine;

    private ContainerScope(EngineFixture engine, string name, string id)
    {
        _engine = engine;
        Name = name;
        Id = id;
    }

    public string Name { get; }

    public string Id { get; }

    /// <summary>docker run -d … (or, with <paramref name="detach"/> false, runs it to its end first).</summary>
    public static ContainerScope Run(EngineFixture engine, string shellCommand, bool detach = true, params string[] options)
    {
        var name = "psdt-" + Guid.NewGuid().ToString("N").Substring(0, 10);
        var args = new List<string> { "run", "--label", EngineFixture.TestLabel + "=1", "--name", name };
        if (detach)
        {
            args.Add("-d");
        }

        args.AddRange(options);
        args.AddRange(new[] { EngineFixture.TestImage, "sh", "-c", shellCommand });
        engine.Docker(args.ToArray()).EnsureSuccess("docker run " + shellCommand);
        var id = engine.Docker("inspect", "--format", "{{.Id}}", name).EnsureSuccess("docker inspect").StdOut.Trim();
        return new ContainerScope(engine, name, id);
    }

    /// <summary>docker create: a container that never ran.</summary>
    public static ContainerScope Create(EngineFixture engine, string shellCommand = "true")
    {
        var name = "psdt-" + Guid.NewGuid().ToString("N").Substring(0, 10);
        var id = engine.Docker("create", "--label", EngineFixture.TestLabel + "=1", "--name", name, EngineFixture.TestImage, "sh", "-c", shellCommand)
            .EnsureSuccess("docker create").StdOut.Trim();
        return new ContainerScope(engine, name, id);
    }

    /// <summary>docker exec, returning what it printed.</summary>
    public string Exec(params string[] command) =>
        _engine.Docker(new[] { "exec", Name }.Concat(command).ToArray()).EnsureSuccess("docker exec " + string.Join(' ', command)).StdOut;

    public void Dispose() => _engine.Docker("rm", "-f", "-v", Name);
}
