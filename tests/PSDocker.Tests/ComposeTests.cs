using System.Management.Automation;
using PSDocker.Compose;
using PSDocker.Connection;

namespace PSDocker.Tests;

/// <summary>
/// The compose loader behind Deploy-DockerStack, compiled in from src/PSDocker/Compose: the docker CLI's
/// interpolation rules, .env and env_file, merging several files, and a typed error naming key, file and line for
/// every key it does not turn into engine settings. No engine needed.
/// </summary>
public sealed class ComposeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("psdt-compose-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return path;
    }

    private ComposeProject Load(Dictionary<string, string>? environment, params string[] files) =>
        ComposeLoader.Load(files.Select(f => Path.Combine(_folder, f)).ToList(), name => environment != null && environment.TryGetValue(name, out var v) ? v : null, _folder);

    private DockerPSException Fails(Dictionary<string, string>? environment, params string[] files) =>
        Assert.Throws<DockerPSException>(() => Load(environment, files));

    private static string Substitute(string template, Dictionary<string, string> variables) =>
        ComposeInterpolation.Substitute(template, n => variables.TryGetValue(n, out var v) ? v : null, new ComposeSource("f.yml", 1), "key");

    [Theory]
    [InlineData("$A", "a")]
    [InlineData("${A}-x", "a-x")]
    [InlineData("${UNSET}", "")]
    [InlineData("$UNSET", "")]
    [InlineData("${UNSET:-d}", "d")]
    [InlineData("${EMPTY:-d}", "d")]
    [InlineData("${EMPTY-d}", "")]
    [InlineData("${UNSET-d}", "d")]
    [InlineData("${A:-d}", "a")]
    [InlineData("$$A", "$A")]
    [InlineData("a$$", "a$")]
    [InlineData("${A:?must}", "a")]
    [InlineData("${EMPTY?must}", "")]
    [InlineData("pre ${A} $A post", "pre a a post")]
    [InlineData("${a}", "lower")]
    // As docker/cli's template: the unbraced form takes the default suffix too, up to the end.
    [InlineData("$UNSET-d rest", "d rest")]
    public void Interpolation_follows_the_docker_cli_template_rules(string template, string expected)
    {
        var variables = new Dictionary<string, string> { ["A"] = "a", ["EMPTY"] = "", ["a"] = "lower" };
        Assert.Equal(expected, Substitute(template, variables));
    }

    [Theory]
    [InlineData("${UNSET:?give it}", "give it")]
    [InlineData("${EMPTY:?not empty}", "not empty")]
    [InlineData("${UNSET?set it}", "set it")]
    public void A_required_variable_that_is_missing_is_ComposeVariableRequired_with_the_message(string template, string message)
    {
        var error = Assert.Throws<DockerPSException>(() => Substitute(template, new Dictionary<string, string> { ["EMPTY"] = "" }));
        Assert.Equal("ComposeVariableRequired", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.Category);
        Assert.Contains(message, error.Message);
        Assert.StartsWith("f.yml line 1: ", error.Message);
    }

    [Theory]
    [InlineData("$")]
    [InlineData("cost: $ 5")]
    [InlineData("${}")]
    [InlineData("${1A}")]
    public void A_dollar_that_starts_no_variable_is_ComposeInvalidTemplate(string template)
    {
        var error = Assert.Throws<DockerPSException>(() => Substitute(template, new Dictionary<string, string>()));
        Assert.Equal("ComposeInvalidTemplate", error.ErrorId);
    }

    [Fact]
    public void A_file_loads_with_every_covered_key()
    {
        Write("token.txt", "t");
        Write("app.env", "# comment\nFROM_FILE=file\nOVERRIDDEN=file\n  SPACED=yes\nFROM_PROCESS\n");
        Write("stack.yml", """
            version: "3.8"
            x-defaults: &defaults
              stop_grace_period: 1m30s
            services:
              web:
                <<: *defaults
                image: 127.0.0.1:5000/web:${TAG:-latest}
                command: sh -c 'echo "a b"; sleep 1'
                entrypoint: ["/bin/sh"]
                environment:
                  OVERRIDDEN: environment
                  NUMBER: 5
                  FROM_PROCESS:
                env_file: app.env
                labels: [tier=web, flag]
                deploy:
                  mode: replicated
                  replicas: 3
                  labels: { team: a }
                  placement:
                    constraints: [node.role == worker]
                    preferences: [{ spread: node.labels.zone }]
                  resources:
                    limits: { cpus: '0.5', memory: 512M, pids: 100 }
                    reservations: { cpus: '0.25', memory: 1GiB }
                  restart_policy: { condition: on-failure, delay: 5s, max_attempts: 3, window: 2m }
                  update_config: { parallelism: 2, delay: 10s, failure_action: rollback, monitor: 500ms, max_failure_ratio: 0.3, order: start-first }
                  rollback_config: { parallelism: 1 }
                  endpoint_mode: vip
                networks:
                  front:
                    aliases: [www]
                ports:
                  - "8080:80"
                  - 9000-9001:90-91/udp
                  - { target: 443, published: 8443, mode: host }
                secrets:
                  - token
                  - { source: token, target: other, uid: "1", gid: "2", mode: 0400 }
                volumes: [data:/data:ro, ./conf:/etc/conf, /var/log]
                healthcheck: { test: wget -q localhost, interval: 10s, timeout: 2s, retries: 3, start_period: 1s }
                hostname: web1
                user: nobody
                working_dir: /srv
                tty: true
                stdin_open: false
                read_only: true
                init: true
                extra_hosts: ["db:10.0.0.5"]
                dns: 10.0.0.2
                cap_add: [NET_ADMIN]
                cap_drop: [ALL]
            networks:
              front:
                driver: overlay
                attachable: true
                driver_opts: { encrypted: "" }
                ipam: { config: [{ subnet: 10.9.0.0/24 }] }
              outside:
                external: true
                name: shared
            volumes:
              data: { driver: local, labels: { keep: "yes" } }
            secrets:
              token: { file: ./token.txt }
              old: { external: { name: legacy } }
            configs:
              conf: { external: true }
            """);

        var project = Load(new Dictionary<string, string> { ["FROM_PROCESS"] = "process" }, "stack.yml");
        var web = project.Services["web"];
        Assert.Equal("127.0.0.1:5000/web:latest", web.Image);
        Assert.Equal(new[] { "sh", "-c", "echo \"a b\"; sleep 1" }, web.Command);
        Assert.Equal(new[] { "/bin/sh" }, web.Entrypoint);
        Assert.Equal("environment", web.Environment["OVERRIDDEN"]);
        Assert.Equal("file", web.Environment["FROM_FILE"]);
        Assert.Equal("yes", web.Environment["SPACED"]);
        Assert.Equal("5", web.Environment["NUMBER"]);
        Assert.Equal("process", web.Environment["FROM_PROCESS"]);
        Assert.Equal("", web.Labels["flag"]);
        Assert.Equal(TimeSpan.FromSeconds(90), web.StopGracePeriod);
        Assert.Equal((ulong)3, web.Deploy.Replicas);
        Assert.Equal("a", web.Deploy.Labels["team"]);
        Assert.Equal(new[] { "node.role == worker" }, web.Deploy.Constraints);
        Assert.Equal(new[] { "node.labels.zone" }, web.Deploy.Preferences);
        Assert.Equal(500_000_000, web.Deploy.Limits!.NanoCpus);
        Assert.Equal(512L << 20, web.Deploy.Limits.MemoryBytes);
        Assert.Equal(100, web.Deploy.Limits.Pids);
        Assert.Equal(1L << 30, web.Deploy.Reservations!.MemoryBytes);
        Assert.Equal(TimeSpan.FromMinutes(2), web.Deploy.RestartPolicy!.Window);
        Assert.Equal(TimeSpan.FromMilliseconds(500), web.Deploy.UpdateConfig!.Monitor);
        Assert.Equal(0.3f, web.Deploy.UpdateConfig.MaxFailureRatio);
        Assert.Equal("start-first", web.Deploy.UpdateConfig.Order);
        Assert.Equal((ulong)1, web.Deploy.RollbackConfig!.Parallelism);
        Assert.Equal(new[] { "www" }, web.Networks!["front"].Aliases);
        Assert.Equal(4, web.Ports!.Count);
        Assert.Equal((80u, 8080u, "tcp", "ingress"), (web.Ports[0].Target, web.Ports[0].Published!.Value, web.Ports[0].Protocol, web.Ports[0].Mode));
        Assert.Equal((91u, 9001u, "udp"), (web.Ports[2].Target, web.Ports[2].Published!.Value, web.Ports[2].Protocol));
        Assert.Equal((443u, 8443u, "host"), (web.Ports[3].Target, web.Ports[3].Published!.Value, web.Ports[3].Mode));
        Assert.Equal("other", web.Secrets![1].Target);
        Assert.Equal(Convert.ToUInt32("400", 8), web.Secrets[1].Mode);
        Assert.Equal(("volume", "data", "/data", true), (web.Volumes![0].Type, web.Volumes[0].Source, web.Volumes[0].Target, web.Volumes[0].ReadOnly));
        Assert.Equal(("bind", Path.Combine(_folder, "conf")), (web.Volumes[1].Type, web.Volumes[1].Source));
        Assert.Equal(("volume", ""), (web.Volumes[2].Type, web.Volumes[2].Source));
        Assert.Equal(new[] { "CMD-SHELL", "wget -q localhost" }, web.Healthcheck!.Test);
        Assert.Equal(3, web.Healthcheck.Retries);
        Assert.Equal(("web1", "nobody", "/srv"), (web.Hostname, web.User, web.WorkingDir));
        Assert.Equal((true, false, true, true), (web.Tty, web.StdinOpen, web.ReadOnly, web.Init));
        Assert.Equal(new[] { "db:10.0.0.5" }, web.ExtraHosts);
        Assert.Equal(new[] { "10.0.0.2" }, web.Dns);
        Assert.Equal(new[] { "ALL" }, web.CapDrop);
        Assert.True(project.Networks["front"].Attachable);
        Assert.Equal(new[] { "10.9.0.0/24" }, project.Networks["front"].Subnets);
        Assert.Equal(("shared", true), (project.Networks["outside"].Name, project.Networks["outside"].External));
        Assert.Equal("yes", project.Volumes["data"].Labels["keep"]);
        Assert.Equal(Path.Combine(_folder, "token.txt"), project.Secrets["token"].File);
        Assert.Equal("legacy", project.Secrets["old"].Name);
        Assert.Equal(("conf", true), (project.Configs["conf"].Name, project.Configs["conf"].External));
        Assert.Empty(project.Warnings);
    }

    [Fact]
    public void Long_form_volumes_logging_and_ulimits_load()
    {
        Write("long.yml", """
            services:
              web:
                image: x
                volumes:
                  - { type: volume, source: data, target: /data, read_only: true, volume: { nocopy: true } }
                  - { type: bind, source: ./conf, target: /conf, bind: { propagation: rshared } }
                  - { type: tmpfs, target: /scratch, tmpfs: { size: 64m } }
                logging: { driver: json-file, options: { max-size: 10m } }
                ulimits: { nproc: 512, nofile: { soft: 1024, hard: 2048 } }
            volumes:
              data: {}
            """);
        var web = Load(null, "long.yml").Services["web"];
        Assert.Equal(("volume", "data", "/data", true, true), (web.Volumes![0].Type, web.Volumes[0].Source, web.Volumes[0].Target, web.Volumes[0].ReadOnly, web.Volumes[0].NoCopy));
        Assert.Equal(("bind", Path.Combine(_folder, "conf"), "rshared"), (web.Volumes[1].Type, web.Volumes[1].Source, web.Volumes[1].Propagation));
        Assert.Equal(("tmpfs", 64L << 20), (web.Volumes[2].Type, web.Volumes[2].TmpfsSize!.Value));
        Assert.Equal("json-file", web.Logging!.Driver);
        Assert.Equal("10m", web.Logging.Options["max-size"]);
        Assert.Equal((512L, 512L), web.Ulimits!["nproc"]);
        Assert.Equal((1024L, 2048L), web.Ulimits["nofile"]);
    }

    [Fact]
    public void Variables_come_from_the_environment_then_from_dotenv_next_to_the_first_file()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "app"));
        Write("app/.env", "IMAGE=from-dotenv\nTAG=dotenv-tag\n");
        Write(".env", "IMAGE=not-this-one\n");
        Write("app/stack.yml", "services:\n  web:\n    image: 127.0.0.1:1/${IMAGE}:${TAG}\n");
        var project = Load(new Dictionary<string, string> { ["TAG"] = "env-tag" }, "app/stack.yml");
        Assert.Equal("127.0.0.1:1/from-dotenv:env-tag", project.Services["web"].Image);
    }

    [Fact]
    public void Later_files_override_and_merge_as_the_cli_merges_them()
    {
        Write("base.yml", """
            services:
              web:
                image: 127.0.0.1:1/web:1
                command: ["a"]
                environment: { A: "1", B: "1" }
                cap_add: [NET_ADMIN]
                ports: ["80:80", "443:443"]
                deploy: { replicas: 1, labels: { x: "1" }, placement: { constraints: [a==1] } }
                networks: [front]
              db:
                image: 127.0.0.1:1/db
            networks:
              front: { driver: overlay, attachable: true }
            """);
        Write("override.yml", """
            services:
              web:
                image: 127.0.0.1:1/web:2
                command: ["b", "c"]
                environment: { B: "2", C: "2" }
                cap_add: [SYS_TIME]
                ports: ["80:8080"]
                deploy: { replicas: 3, placement: { constraints: [b==2] } }
                networks: { back: {} }
              cache:
                image: 127.0.0.1:1/cache
            networks:
              front: { driver: overlay }
              back: {}
            """);

        var project = Load(null, "base.yml", "override.yml");
        var web = project.Services["web"];
        Assert.Equal("127.0.0.1:1/web:2", web.Image);
        Assert.Equal(new[] { "b", "c" }, web.Command);
        Assert.Equal(new Dictionary<string, string?> { ["A"] = "1", ["B"] = "2", ["C"] = "2" }, web.Environment);
        Assert.Equal(new[] { "NET_ADMIN", "SYS_TIME" }, web.CapAdd);
        Assert.Equal(new[] { (8080u, 80u), (443u, 443u) }, web.Ports!.Select(p => (p.Target, p.Published!.Value)));
        Assert.Equal((ulong)3, web.Deploy.Replicas);
        Assert.Equal("1", web.Deploy.Labels["x"]);
        Assert.Equal(new[] { "a==1", "b==2" }, web.Deploy.Constraints);
        Assert.Equal(new[] { "back", "front" }, web.Networks!.Keys.OrderBy(k => k));
        Assert.Equal(new[] { "cache", "db", "web" }, project.Services.Keys.OrderBy(k => k));
        // Top-level definitions are replaced whole, not merged.
        Assert.False(project.Networks["front"].Attachable);
        Assert.Equal(2, project.Files.Count);
    }

    [Theory]
    [InlineData("services:\n  web:\n    image: x\n    frobnicate: 1\n", 4, "services.web.frobnicate")]
    [InlineData("services:\n  web:\n    image: x\n    deploy:\n      placement:\n        nodes: 2\n", 6, "services.web.deploy.placement.nodes")]
    [InlineData("services:\n  web:\n    image: x\n    credential_spec:\n      file: a.json\n", 4, "services.web.credential_spec")]
    [InlineData("services:\n  web:\n    image: x\n    mem_limit: 1g\n", 4, "services.web.mem_limit")]
    [InlineData("services:\n  web:\n    image: x\nnetworks:\n  a:\n    enable_ipv6: true\n", 6, "networks.a.enable_ipv6")]
    [InlineData("services:\n  web:\n    image: x\nsecrets:\n  s:\n    file: a\n    template_driver: golang\n", 7, "secrets.s.template_driver")]
    [InlineData("version: '3'\nservice:\n  web:\n    image: x\n", 2, "service")]
    [InlineData("services:\n  web:\n    image: x\n    volumes:\n      - type: bind\n        source: /a\n        target: /b\n        bind:\n          create_host_path: true\n", 9, "services.web.volumes.bind.create_host_path")]
    public void A_key_it_does_not_turn_into_engine_settings_is_ComposeUnsupportedKey_with_file_and_line(string yaml, int line, string key)
    {
        var file = Write("bad.yml", yaml);
        var error = Fails(null, "bad.yml");
        Assert.Equal("ComposeUnsupportedKey", error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.Category);
        Assert.Equal(file, error.Target);
        Assert.StartsWith(file + " line " + line + ": ", error.Message);
        Assert.Contains("'" + key + "'", error.Message);
    }

    [Fact]
    public void Keys_the_cli_ignores_are_warnings_with_their_line_and_x_keys_are_ignored()
    {
        Write("warn.yml", "x-top: 1\nservices:\n  web:\n    image: x\n    build: .\n    x-note: hi\n    container_name: w\n    depends_on: [db]\n    restart: always\n");
        var project = Load(null, "warn.yml");
        Assert.Equal(new[] { ("services.web.build", 5), ("services.web.container_name", 7), ("services.web.depends_on", 8), ("services.web.restart", 9) },
            project.Warnings.Select(w => (w.Key, w.Source.Line)));
        Assert.Equal("always", project.Services["web"].Restart);
    }

    [Theory]
    [InlineData("services:\n  web:\n    image: x\n    deploy:\n      replicas: many\n", "ComposeInvalidValue", "line 5")]
    [InlineData("services:\n  web:\n    image: x\n    stop_grace_period: soon\n", "ComposeInvalidValue", "line 4")]
    [InlineData("services:\n  web:\n    image: x\n    ports: ['80:80:80:x']\n", "ComposeInvalidValue", "line 4")]
    [InlineData("services:\n  web:\n    command: sleep 1\n", "ComposeInvalidValue", "has no image")]
    [InlineData("version: '2.4'\nservices: {}\n", "ComposeUnsupportedVersion", "line 1")]
    [InlineData("services:\n  web: [\n", "ComposeInvalidYaml", "line")]
    [InlineData("services:\n  web:\n    image: ${X:?needed}\n", "ComposeVariableRequired", "line 3")]
    [InlineData("services:\n  web:\n    image: x\n    env_file: missing.env\n", "ComposeFileNotFound", "missing.env")]
    [InlineData("services:\n  web:\n    image: x\nsecrets:\n  s:\n    labels: { a: b }\n", "ComposeInvalidValue", "file:")]
    public void Bad_values_are_typed_errors_naming_where(string yaml, string id, string part)
    {
        Write("bad.yml", yaml);
        var error = Fails(null, "bad.yml");
        Assert.Equal(id, error.ErrorId);
        Assert.Contains(part, error.Message);
    }

    [Fact]
    public void A_missing_compose_file_is_ComposeFileNotFound_naming_it_as_given()
    {
        var error = Assert.Throws<DockerPSException>(() => ComposeLoader.Load(new[] { "nope.yml" }, _ => null, _folder));
        Assert.Equal("ComposeFileNotFound", error.ErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.Category);
        Assert.Equal("nope.yml", error.Target);
    }

    [Theory]
    [InlineData("1h2m3s", 3723_000)]
    [InlineData("1.5s", 1500)]
    [InlineData("300ms", 300)]
    [InlineData("0", 0)]
    public void Durations_are_read_as_go_writes_them(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ComposeLoader.ParseDuration(text));

    [Theory]
    [InlineData("512m", 512L << 20)]
    [InlineData("1GiB", 1L << 30)]
    [InlineData("100kb", 100L << 10)]
    [InlineData("2048", 2048)]
    public void Sizes_are_read_as_the_cli_reads_memory(string text, long bytes) =>
        Assert.Equal(bytes, ComposeLoader.ParseBytes(text));

    [Fact]
    public void Spec_comparison_ignores_what_the_engine_fills_in_and_sees_every_change()
    {
        const string desired = """{"Name":"s_web","Labels":{"a":"1"},"TaskTemplate":{"ContainerSpec":{"Image":"i","Env":["A=1"]}},"Mode":{"Replicated":{}}}""";
        const string held = """{"Name":"s_web","Labels":{"a":"1"},"TaskTemplate":{"ContainerSpec":{"Image":"i","Env":["A=1"],"Isolation":"default"},"ForceUpdate":0,"Resources":{}},"Mode":{"Replicated":{"Replicas":1}},"EndpointSpec":{"Mode":"vip"}}""";
        Assert.Null(SpecComparison.Difference(desired, held));
        Assert.Equal("Spec.TaskTemplate.ContainerSpec.Env[0]", SpecComparison.Difference(desired.Replace("A=1", "A=2"), held));
        Assert.Equal("Spec.Labels.b", SpecComparison.Difference(desired, held.Replace("\"a\":\"1\"", "\"a\":\"1\",\"b\":\"2\"")));
        Assert.Equal("Spec.TaskTemplate.ContainerSpec.User", SpecComparison.Difference(desired, held.Replace("\"Isolation\"", "\"User\":\"nobody\",\"Isolation\"")));
        Assert.Equal("Spec.Mode.Replicated.Replicas", SpecComparison.Difference(desired, held.Replace("\"Replicas\":1", "\"Replicas\":3")));
    }
}
