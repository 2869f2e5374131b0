// PSDocker benchmark: median per-call time of each PSDocker cmdlet beside the raw Docker.DotNet client in
// this same process, the docker CLI (a process per call) and curl on the socket, measured in one run.
//   dotnet run -c Release --project bench/PSDocker.Bench [-- --quick]
// The engine: PSDOCKER_BENCH_DOCKER_HOST, else DOCKER_HOST, else a private dockerd the bench starts and stops
// (PrivateEngine: root, dockerd, docker and busybox-static, as for the Pester suite).
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Docker.DotNet;

if (args.Contains("--measure-import"))
{
    // Child mode: one cold Import-Module in a fresh process.
    var clock = Stopwatch.StartNew();
    using var rs = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
    rs.Open();
    var opened = clock.Elapsed;
    using var ps = PowerShell.Create(rs);
    ps.AddCommand("Import-Module").AddParameter("Name", args[^1]).AddParameter("ErrorAction", "Stop").Invoke();
    Console.WriteLine(((clock.Elapsed - opened).TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
    return 0;
}

var quick = args.Contains("--quick");
var host = Environment.GetEnvironmentVariable("PSDOCKER_BENCH_DOCKER_HOST") ?? Environment.GetEnvironmentVariable("DOCKER_HOST");
PrivateEngine? ownEngine = null;
if (string.IsNullOrEmpty(host))
{
    try
    {
        ownEngine = PrivateEngine.Start(tls: true);
    }
    catch (InvalidOperationException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }

    host = ownEngine.Host;
    Console.WriteLine("Engine: a private dockerd started for this run (" + host + ").");
}

using var stopOwnEngine = ownEngine;
if (!host.StartsWith("unix://", StringComparison.Ordinal))
{
    Console.Error.WriteLine("PSDOCKER_BENCH_DOCKER_HOST or DOCKER_HOST must name a unix:// engine, or be unset for the bench to start its own.");
    return 2;
}

var socket = host.Substring("unix://".Length);
var manifest = FindManifest();
Environment.SetEnvironmentVariable("DOCKER_HOST", host);

using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
runspace.Open();
using (var import = PowerShell.Create(runspace))
{
    import.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", "Stop").Invoke();
}

using var raw = new DockerClientBuilder().WithEndpoint(new Uri(host)).WithApiVersion(new Version(1, 41)).Build();
var rows = new List<Row>();
int n = quick ? 100 : 1000, cliN = quick ? 5 : 30, curlN = quick ? 20 : 100;

// A cmdlet is measured as a script calls it, in a loop (the host's per-Invoke cost is reported apart).
var cmdletPing = MeasureLoop("Test-DockerConnection", n);
var invokePing = Measure(n / 2, () => Invoke("Test-DockerConnection"));
var rawPing = Measure(n, () => { raw.System.PingAsync().GetAwaiter().GetResult(); return null; });
runspace.SessionStateProxy.SetVariable("rawClient", raw);
var rawPingFromScript = MeasureLoop("$rawClient.System.PingAsync([Threading.CancellationToken]::None).GetAwaiter().GetResult()", n);
var cliVersion = Measure(cliN, () => Run("docker", "-H", host, "version", "--format", "{{.Server.Version}}"));
var curlPing = Measure(curlN, () => Run("curl", "-sf", "--unix-socket", socket, "http://localhost/_ping"));
rows.Add(new("Test-DockerConnection", cmdletPing, "raw PingAsync", rawPing, "≤ 1.2×"));
rows.Add(new("Test-DockerConnection", cmdletPing, "raw PingAsync, same script loop", rawPingFromScript, "(same thread and loop)"));
rows.Add(new("Test-DockerConnection", cmdletPing, "docker version (CLI)", cliVersion, "≤ 1/40 (0.025×)"));
rows.Add(new("Test-DockerConnection", cmdletPing, "curl --unix-socket /_ping", curlPing, "(reference)"));

var cmdletInfo = MeasureLoop("Get-DockerInfo", n / 2);
var rawInfo = Measure(n / 2, () => raw.System.GetSystemInfoAsync().GetAwaiter().GetResult());
rows.Add(new("Get-DockerInfo", cmdletInfo, "raw GetSystemInfoAsync", rawInfo, "(reference)"));

// Volumes and networks: a list with some entries in it (labelled, removed at the end).
var benchVolumes = Enumerable.Range(0, 20).Select(i => $"psdt-bench-vol-{i}").ToList();
var benchNetworks = Enumerable.Range(0, 5).Select(i => $"psdt-bench-net-{i}").ToList();
var benchLabels = new Dictionary<string, string> { ["psdocker.bench"] = "1" };
foreach (var name in benchVolumes)
{
    raw.Volumes.CreateAsync(new Docker.DotNet.Models.VolumesCreateParameters { Name = name, Labels = benchLabels }).GetAwaiter().GetResult();
}

for (var i = 0; i < benchNetworks.Count; i++)
{
    // Explicit subnets the engine never routes to: nothing is sent to them.
    raw.Networks.CreateNetworkAsync(new Docker.DotNet.Models.NetworksCreateParameters
    {
        Name = benchNetworks[i],
        Labels = benchLabels,
        IPAM = new Docker.DotNet.Models.IPAM { Config = new List<Docker.DotNet.Models.IPAMConfig> { new() { Subnet = $"10.250.{i}.0/24" } } },
    }).GetAwaiter().GetResult();
}

double eventMedian, eventP99, deliveryMedian;
int eventSamples = quick ? 50 : 300;
try
{
    var cmdletVolumes = MeasureLoop("Get-DockerVolume", n / 2);
    var rawVolumes = Measure(n / 2, () => raw.Volumes.ListAsync(new Docker.DotNet.Models.VolumesListParameters()).GetAwaiter().GetResult());
    var cliVolumes = Measure(cliN, () => Run("docker", "-H", host, "volume", "ls"));
    rows.Add(new("Get-DockerVolume", cmdletVolumes, "raw Volumes.ListAsync", rawVolumes, "(reference)"));
    rows.Add(new("Get-DockerVolume", cmdletVolumes, "docker volume ls (CLI)", cliVolumes, "≤ 1/10"));

    var cmdletNetworks = MeasureLoop("Get-DockerNetwork", n / 2);
    var rawNetworks = Measure(n / 2, () => raw.Networks.ListNetworksAsync().GetAwaiter().GetResult());
    var rawNetworksAndContainers = Measure(n / 2, () =>
    {
        // What Get-DockerNetwork asks: the list, and the running containers for the attachments.
        var networks = raw.Networks.ListNetworksAsync();
        var containers = raw.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters());
        Task.WaitAll(networks, containers);
        return null;
    });
    var cliNetworks = Measure(cliN, () => Run("docker", "-H", host, "network", "ls"));
    rows.Add(new("Get-DockerNetwork", cmdletNetworks, "raw ListNetworksAsync", rawNetworks, "(one request; we make two)"));
    rows.Add(new("Get-DockerNetwork", cmdletNetworks, "raw networks + containers", rawNetworksAndContainers, "(reference)"));
    rows.Add(new("Get-DockerNetwork", cmdletNetworks, "docker network ls (CLI)", cliNetworks, "≤ 1/10"));

    (eventMedian, eventP99, deliveryMedian) = MeasureEvents(eventSamples);
}
finally
{
    foreach (var name in benchVolumes)
    {
        raw.Volumes.RemoveAsync(name).GetAwaiter().GetResult();
    }

    foreach (var name in benchNetworks)
    {
        raw.Networks.DeleteNetworkAsync(name).GetAwaiter().GetResult();
    }
}

// Containers: list at 20 and 1,000 containers, logs of 1,000,000 lines.
var image = Environment.GetEnvironmentVariable("PSDOCKER_BENCH_IMAGE") ?? (ownEngine != null ? PrivateEngine.ImageName : "dev/busybox:latest");
var containerRows = new List<Row>();
string? logsReport = null;
if (!args.Contains("--no-containers"))
{
    var made = new List<string>();
    try
    {
        foreach (var target in quick ? new[] { 20 } : new[] { 20, 1000 })
        {
            await CreateContainers(target - made.Count, made);
            var listN = target >= 1000 ? (quick ? 5 : 20) : n / 4;
            var cmdletList = MeasureLoop("Get-DockerContainer -All", listN);
            var rawList = Measure(listN, () => raw.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters { All = true }).GetAwaiter().GetResult());
            var cliList = Measure(cliN, () => Run("docker", "-H", host, "ps", "-a", "--no-trunc"));
            var count = made.Count;
            containerRows.Add(new($"Get-DockerContainer -All ({count})", cmdletList, "raw ListContainersAsync", rawList, "≤ 1.1×"));
            containerRows.Add(new($"Get-DockerContainer -All ({count})", cmdletList, "docker ps -a (CLI)", cliList, "≤ 1/40 at 20"));
            if (target == 20)
            {
                containerRows.Add(new($"Get-DockerContainer -All ({count})", cmdletList, "curl keep-alive, same request", CurlKeepAlive("/v1.41/containers/json?all=1", quick ? 100 : 500), "≤ 1.2×"));
                if (ownEngine?.TlsHost is string tlsHost && ownEngine.TlsCertPath is string certPath)
                {
                    // The same over the engine's TLS port: connections kept with their TLS session, against curl's kept one.
                    Environment.SetEnvironmentVariable("DOCKER_TLS_VERIFY", "1");
                    Environment.SetEnvironmentVariable("DOCKER_CERT_PATH", certPath);
                    try
                    {
                        var cmdletTls = MeasureLoop($"Get-DockerContainer -All -DockerHost '{tlsHost}'", listN);
                        var curlTls = CurlKeepAlive("/v1.41/containers/json?all=1", quick ? 100 : 500, tlsHost, certPath);
                        containerRows.Add(new($"Get-DockerContainer -All ({count}), TLS", cmdletTls, "curl keep-alive over TLS", curlTls, "≤ 1.2×"));
                    }
                    finally
                    {
                        Environment.SetEnvironmentVariable("DOCKER_TLS_VERIFY", null);
                        Environment.SetEnvironmentVariable("DOCKER_CERT_PATH", null);
                    }
                }
            }
        }
    }
    finally
    {
        await Task.WhenAll(made.Select(id => raw.Containers.RemoveContainerAsync(id, new Docker.DotNet.Models.ContainerRemoveParameters { Force = true })));
    }

    // Removing running containers in bulk: ids piped to Remove-DockerContainer -Force beside docker rm -f with
    // the same number of names (the CLI removes them side by side), one round each on fresh containers.
    var bulk = quick ? 20 : 100;
    var ours = new List<string>();
    var theirs = new List<string>();
    try
    {
        await CreateContainers(bulk, ours, running: true);
        var clock = Stopwatch.StartNew();
        using (var remove = PowerShell.Create(runspace))
        {
            remove.AddScript("$args[0] | Remove-DockerContainer -Force").AddArgument(ours.ToArray()).Invoke();
            if (remove.HadErrors)
            {
                throw new InvalidOperationException("Remove-DockerContainer failed: " + string.Join("; ", remove.Streams.Error));
            }
        }

        var oursMs = clock.Elapsed.TotalMilliseconds;
        ours.Clear();
        await CreateContainers(bulk, theirs, running: true);
        clock.Restart();
        Run("docker", new[] { "-H", host, "rm", "-f" }.Concat(theirs).ToArray());
        var theirsMs = clock.Elapsed.TotalMilliseconds;
        theirs.Clear();
        containerRows.Add(new($"Remove-DockerContainer -Force ({bulk} running, piped)", oursMs, $"docker rm -f ({bulk} names)", theirsMs, "≤ 1.0×"));
    }
    finally
    {
        await Task.WhenAll(ours.Concat(theirs).Select(id => raw.Containers.RemoveContainerAsync(id, new Docker.DotNet.Models.ContainerRemoveParameters { Force = true })));
    }

    // Removing created (never started) containers: the same, with more of them.
    var created = quick ? 50 : 200;
    try
    {
        await CreateContainers(created, ours);
        var clock = Stopwatch.StartNew();
        InvokeScript("$args[0] | Remove-DockerContainer", new object[] { ours.ToArray() });
        var oursMs = clock.Elapsed.TotalMilliseconds;
        ours.Clear();
        await CreateContainers(created, theirs);
        clock.Restart();
        Run("docker", new[] { "-H", host, "rm" }.Concat(theirs).ToArray());
        var theirsMs = clock.Elapsed.TotalMilliseconds;
        theirs.Clear();
        containerRows.Add(new($"Remove-DockerContainer ({created} created, piped)", oursMs, $"docker rm ({created} names)", theirsMs, "≤ 1.0×"));
    }
    finally
    {
        await Task.WhenAll(ours.Concat(theirs).Select(id => raw.Containers.RemoveContainerAsync(id, new Docker.DotNet.Models.ContainerRemoveParameters { Force = true })));
    }

    MeasureCopies(quick ? 1 : 3);
    logsReport = MeasureLogs(quick ? 100_000 : 1_000_000);
}

// Images: list vs raw vs CLI; push/pull of ~50 MB and a 200 MB build context, each side by side with the CLI.
var imageRows = new List<Row>();
var imageReport = new List<string>();
if (!args.Contains("--no-images"))
{
    var listN = quick ? 20 : 200;
    imageRows.Add(new("Get-DockerImage", MeasureLoop("Get-DockerImage", listN), "raw ListImagesAsync",
        Measure(listN, () => raw.Images.ListImagesAsync(new Docker.DotNet.Models.ImagesListParameters()).GetAwaiter().GetResult()), "(reference)"));
    imageRows.Add(new("Get-DockerImage", imageRows[0].OursMedian, "docker images (CLI)", Measure(cliN, () => Run("docker", "-H", host, "images")), "(reference)"));

    // The registry named, else one of the bench's own (so the bench needs nothing outside the repo).
    var registry = Environment.GetEnvironmentVariable("PSDOCKER_BENCH_REGISTRY");
    PrivateRegistry? ownRegistry = null;
    if (string.IsNullOrEmpty(registry))
    {
        try
        {
            ownRegistry = PrivateRegistry.Start();
            registry = ownRegistry.Address;
            Console.WriteLine("Registry: a private docker-registry started for this run (" + registry + ").");
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine("Push and pull not measured: " + e.Message);
        }
    }

    using var stopOwnRegistry = ownRegistry;
    var rounds = quick ? 1 : 3;
    var pushOurs = new List<double>();
    var pushCli = new List<double>();
    var pullOurs = new List<double>();
    var pullCli = new List<double>();
    for (var round = 0; registry != null && round < rounds; round++)
    {
        foreach (var ours in new[] { true, false })
        {
            // A fresh 50 MB random layer each time, so every push and pull really moves it.
            var reference = $"{registry}/psdocker-bench/blob{Guid.NewGuid().ToString("N")[..8]}:1";
            BuildBlobImage(reference, 50);
            var clock = Stopwatch.StartNew();
            if (ours) { InvokeScript($"Publish-DockerImage '{reference}' | Out-Null"); } else { Run("docker", "-H", host, "push", "-q", reference); }
            (ours ? pushOurs : pushCli).Add(clock.Elapsed.TotalMilliseconds);
            Run("docker", "-H", host, "rmi", reference);
            clock.Restart();
            if (ours) { InvokeScript($"Install-DockerImage '{reference}' | Out-Null"); } else { Run("docker", "-H", host, "pull", "-q", reference); }
            (ours ? pullOurs : pullCli).Add(clock.Elapsed.TotalMilliseconds);
            Run("docker", "-H", host, "rmi", reference);
        }
    }

    if (registry != null)
    {
        imageRows.Add(new("Publish-DockerImage 50 MB", Median(pushOurs), "docker push", Median(pushCli), "within 10%"));
        imageRows.Add(new("Install-DockerImage 50 MB", Median(pullOurs), "docker pull", Median(pullCli), "within 10%"));
    }

    var context = Directory.CreateTempSubdirectory("psdocker-bench-ctx-").FullName;
    try
    {
        WriteRandom(Path.Combine(context, "blob.bin"), 200);
        File.WriteAllText(Path.Combine(context, "small.txt"), "small");
        File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY small.txt /\n");
        var buildOurs = new List<double>();
        var buildCli = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            InvokeScript($"Build-DockerImage '{context}' -Tag psdocker-bench/ctx:ours -NoCache | Out-Null");
            buildOurs.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            RunEnv(new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" }, "docker", "-H", host, "build", "-q", "--no-cache", "-t", "psdocker-bench/ctx:cli", context);
            buildCli.Add(clock.Elapsed.TotalMilliseconds);
        }

        imageRows.Add(new("Build-DockerImage 200 MB ctx", Median(buildOurs), "docker build (legacy)", Median(buildCli), "(reference)"));
        Run("docker", "-H", host, "rmi", "psdocker-bench/ctx:ours", "psdocker-bench/ctx:cli");
    }
    finally
    {
        Directory.Delete(context, true);
    }
}

// Three engines in one call (the bench's engine and two more private ones, 20 volumes each) beside each alone.
var engineRows = new List<Row>();
if (!args.Contains("--no-engines"))
{
    try
    {
        using var two = PrivateEngine.Start("-2", withImage: false);
        using var three = PrivateEngine.Start("-3", withImage: false);
        var hosts = new[] { host, two.Host, three.Host };
        foreach (var each in hosts)
        {
            for (var i = 0; i < 20; i++)
            {
                Run("docker", "-H", each, "volume", "create", "--label", "psdocker.bench=1", $"psdt-bench-many-{i}");
            }
        }

        try
        {
            var manyN = quick ? 20 : 100;
            var alone = hosts.Select(h => MeasureLoop($"Get-DockerVolume -DockerHost '{h}'", manyN)).ToList();
            var together = MeasureLoop("Get-DockerVolume -DockerHost " + string.Join(", ", hosts.Select(h => "'" + h + "'")), manyN);
            engineRows.Add(new("Get-DockerVolume, 3 engines in one call", together, "the slowest engine alone", alone.Max(), "≤ 1.2×"));

            // The machine's own floor for the same work: the raw client asking the three at once (Task.WhenAll)
            // beside its slowest alone. Three engines on 2 cores answer at once slower than one alone, whoever asks.
            var rawClients = hosts.Select(h => new DockerClientBuilder().WithEndpoint(new Uri(h)).WithApiVersion(new Version(1, 41)).Build()).ToList();
            try
            {
                var list = new Docker.DotNet.Models.VolumesListParameters();
                var rawAlone = rawClients.Select(c => Measure(manyN, () => c.Volumes.ListAsync(list).GetAwaiter().GetResult())).ToList();
                var rawTogether = Measure(manyN, () => { Task.WhenAll(rawClients.Select(c => c.Volumes.ListAsync(list))).GetAwaiter().GetResult(); return null; });
                engineRows.Add(new("raw ListAsync, 3 engines at once", rawTogether, "raw, the slowest alone", rawAlone.Max(), "(the machine's floor)"));
                engineRows.Add(new("Get-DockerVolume, 3 engines in one call", together, "raw, 3 engines at once", rawTogether, "(reference)"));
            }
            finally
            {
                rawClients.ForEach(c => c.Dispose());
            }
        }
        finally
        {
            foreach (var each in hosts)
            {
                Run("docker", new[] { "-H", each, "volume", "rm", "-f" }.Concat(Enumerable.Range(0, 20).Select(i => $"psdt-bench-many-{i}")).ToArray());
            }
        }
    }
    catch (InvalidOperationException e)
    {
        Console.Error.WriteLine("Three engines not measured: " + e.Message);
    }
}

var warmImport = Measure(quick ? 5 : 20, () =>
{
    using var rs = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
    rs.Open();
    using var ps = PowerShell.Create(rs);
    var clock = Stopwatch.StartNew();
    ps.AddCommand("Import-Module").AddParameter("Name", manifest).Invoke();
    return clock.Elapsed;
});
var self = Environment.ProcessPath!;
var selfArgs = self.EndsWith("dotnet", StringComparison.Ordinal) ? new[] { typeof(Row).Assembly.Location } : Array.Empty<string>();
var coldImports = Enumerable.Range(0, quick ? 3 : 7).Select(_ =>
    double.Parse(RunCapture(self, selfArgs.Concat(new[] { "--measure-import", manifest }).ToArray()).Trim(), CultureInfo.InvariantCulture)).ToList();
// The engine's own cost of a first Import-Module: a manifest with nothing in it, measured the same way.
var emptyManifest = Path.Combine(Directory.CreateTempSubdirectory("psdocker-bench-empty-").FullName, "Empty.psd1");
File.WriteAllText(emptyManifest, "@{ ModuleVersion = '1.0'; FunctionsToExport = @(); CmdletsToExport = @() }");
var coldEmpty = Enumerable.Range(0, quick ? 3 : 7).Select(_ =>
    double.Parse(RunCapture(self, selfArgs.Concat(new[] { "--measure-import", emptyManifest }).ToArray()).Trim(), CultureInfo.InvariantCulture)).ToList();
Directory.Delete(Path.GetDirectoryName(emptyManifest)!, true);

Console.WriteLine($"PSDocker benchmark — engine {host}, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores");
Console.WriteLine();
Console.WriteLine($"{"measure",-44} {"median",10}   {"vs",-28} {"median",10} {"ratio",8}  goal");
foreach (var row in rows)
{
    Console.WriteLine($"{row.Ours,-44} {Ms(row.OursMedian),10}   {row.Other,-28} {Ms(row.OtherMedian),10} {row.OursMedian / row.OtherMedian,8:0.000}  {row.Goal}");
}

foreach (var row in containerRows)
{
    Console.WriteLine($"{row.Ours,-44} {Ms(row.OursMedian),10}   {row.Other,-28} {Ms(row.OtherMedian),10} {row.OursMedian / row.OtherMedian,8:0.000}  {row.Goal}");
}

foreach (var row in imageRows)
{
    Console.WriteLine($"{row.Ours,-44} {Ms(row.OursMedian),10}   {row.Other,-28} {Ms(row.OtherMedian),10} {row.OursMedian / row.OtherMedian,8:0.000}  {row.Goal}");
}

foreach (var row in engineRows)
{
    Console.WriteLine($"{row.Ours,-44} {Ms(row.OursMedian),10}   {row.Other,-28} {Ms(row.OtherMedian),10} {row.OursMedian / row.OtherMedian,8:0.000}  {row.Goal}");
}

if (logsReport != null)
{
    Console.WriteLine();
    Console.WriteLine(logsReport);
}

Console.WriteLine();
Console.WriteLine($"Import-Module, cold (new process, median of {coldImports.Count}): {Median(coldImports):0.0} ms   goal ≤ 300 ms");
Console.WriteLine($"Import-Module of an empty manifest, cold (the engine's own share): {Median(coldEmpty):0.0} ms");
Console.WriteLine($"Test-DockerConnection as one PowerShell.Invoke() from C# each: {Ms(invokePing)} (host API overhead included)");
Console.WriteLine($"Get-DockerEvent delivery, action -> object in the pipeline ({eventSamples} volume creates): median {Ms(eventMedian)}, p99 {Ms(eventP99)}");
Console.WriteLine($"Get-DockerEvent delivery, engine timestamp -> object in the pipeline: median {Ms(deliveryMedian)}");
Console.WriteLine($"Import-Module, warm (new runspace, median):            {Ms(warmImport),10}");
return 0;

async Task CreateContainers(int count, List<string> made, bool running = false)
{
    // Eight at a time: enough to be quick, few enough not to swamp a 2-core engine.
    using var gate = new SemaphoreSlim(8);
    var tasks = Enumerable.Range(0, Math.Max(0, count)).Select(async _ =>
    {
        await gate.WaitAsync();
        try
        {
            var created = await raw.Containers.CreateContainerAsync(new Docker.DotNet.Models.CreateContainerParameters
            {
                Image = image,
                Cmd = running ? new List<string> { "sleep", "300" } : new List<string> { "true" },
                Labels = new Dictionary<string, string> { ["psdocker.bench"] = "1" },
            });
            if (running)
            {
                await raw.Containers.StartContainerAsync(created.ID, null);
            }

            lock (made)
            {
                made.Add(created.ID);
            }
        }
        finally
        {
            gate.Release();
        }
    }).ToList();
    await Task.WhenAll(tasks);
}

// docker cp both ways beside Copy-DockerContainerItem: 200 MB in, 400 MB out, into and out of one running
// container, fresh files each round; the peak working-set growth of the copy out is reported too.
void MeasureCopies(int rounds)
{
    var box = raw.Containers.CreateContainerAsync(new Docker.DotNet.Models.CreateContainerParameters
    {
        Image = image,
        Cmd = new List<string> { "sh", "-c", "dd if=/dev/urandom of=/out.bin bs=1M count=400 2>/dev/null; touch /ready; sleep 3600" },
        Labels = new Dictionary<string, string> { ["psdocker.bench"] = "1" },
    }).GetAwaiter().GetResult().ID;
    var folder = Directory.CreateTempSubdirectory("psdocker-bench-cp-").FullName;
    try
    {
        raw.Containers.StartContainerAsync(box, null).GetAwaiter().GetResult();
        var local = Path.Combine(folder, "in.bin");
        WriteRandom(local, 200);
        for (var wait = 0; wait < 600 && RunStatus("docker", "-H", host, "exec", box, "test", "-e", "/ready") != 0; wait++)
        {
            Thread.Sleep(100);
        }

        var inOurs = new List<double>();
        var inCli = new List<double>();
        var outOurs = new List<double>();
        var outCli = new List<double>();
        double growth = 0;
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            InvokeScript($"Copy-DockerContainerItem -Path '{local}' -Destination /ours-in.bin -ToContainer {box}");
            inOurs.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            Run("docker", "-H", host, "cp", local, box + ":/cli-in.bin");
            inCli.Add(clock.Elapsed.TotalMilliseconds);

            var memory = new PSDocker.Tests.Harness.PeakWorkingSet();
            clock.Restart();
            InvokeScript($"Copy-DockerContainerItem -Path /out.bin -Destination '{Path.Combine(folder, "ours-out.bin")}' -FromContainer {box}");
            outOurs.Add(clock.Elapsed.TotalMilliseconds);
            growth = Math.Max(growth, memory.GrowthMegabytes);
            memory.Dispose();
            clock.Restart();
            Run("docker", "-H", host, "cp", box + ":/out.bin", Path.Combine(folder, "cli-out.bin"));
            outCli.Add(clock.Elapsed.TotalMilliseconds);
            File.Delete(Path.Combine(folder, "ours-out.bin"));
            File.Delete(Path.Combine(folder, "cli-out.bin"));
        }

        containerRows.Add(new("Copy-DockerContainerItem 200 MB in", Median(inOurs), "docker cp (in)", Median(inCli), "≤ 1.1×"));
        containerRows.Add(new($"Copy-DockerContainerItem 400 MB out (peak +{growth:0} MB)", Median(outOurs), "docker cp (out)", Median(outCli), "≤ 1.1×"));
    }
    finally
    {
        raw.Containers.RemoveContainerAsync(box, new Docker.DotNet.Models.ContainerRemoveParameters { Force = true }).GetAwaiter().GetResult();
        Directory.Delete(folder, true);
    }
}

// The per-call floor: curl sending the same request over one kept-alive connection, many times in one process
// (on the Unix socket, or over TLS to tcpHost with the client certificate in certPath).
double CurlKeepAlive(string path, int count, string? tcpHost = null, string? certPath = null)
{
    var arguments = tcpHost is null
        ? new List<string> { "-sf", "--unix-socket", socket, "-o", "/dev/null" }
        : new List<string> { "-sf", "--cacert", certPath + "/ca.pem", "--cert", certPath + "/cert.pem", "--key", certPath + "/key.pem", "-o", "/dev/null" };
    var url = (tcpHost is null ? "http://localhost" : "https://" + tcpHost.Substring("tcp://".Length)) + path;
    var single = Measure(5, () => Run("curl", arguments.Concat(new[] { url }).ToArray()));
    for (var i = 0; i < count; i++)
    {
        arguments.Add(url);
        if (i > 0)
        {
            arguments.Add("-o");
            arguments.Add("/dev/null");
        }
    }

    var clock = Stopwatch.StartNew();
    Run("curl", arguments.ToArray());
    // The one process start and first connection, measured apart, are taken out.
    return Math.Max(0.001, (clock.Elapsed.TotalMilliseconds - single) / (count - 1));
}

string MeasureLogs(int lines)
{
    var created = raw.Containers.CreateContainerAsync(new Docker.DotNet.Models.CreateContainerParameters
    {
        Image = image,
        Cmd = new List<string> { "seq", "1", lines.ToString(CultureInfo.InvariantCulture) },
        Labels = new Dictionary<string, string> { ["psdocker.bench"] = "1" },
    }).GetAwaiter().GetResult();
    try
    {
        raw.Containers.StartContainerAsync(created.ID, null).GetAwaiter().GetResult();
        raw.Containers.WaitContainerAsync(created.ID).GetAwaiter().GetResult();

        var cli = Stopwatch.StartNew();
        var cliOut = RunCapture("sh", "-c", $"docker -H {host} logs {created.ID} | wc -l").Trim();
        cli.Stop();

        var memory = new PSDocker.Tests.Harness.PeakWorkingSet();
        using var ps = PowerShell.Create(runspace);
        ps.AddScript($"$n = 0; Get-DockerContainerLog -Id '{created.ID}' | ForEach-Object {{ $n++ }}; $n");
        var ours = Stopwatch.StartNew();
        var counted = (int)ps.Invoke().Single().BaseObject;
        ours.Stop();
        var growth = memory.GrowthMegabytes;
        memory.Dispose();

        using var psNull = PowerShell.Create(runspace);
        psNull.AddScript($"Get-DockerContainerLog -Id '{created.ID}' | Out-Null");
        var oursNull = Stopwatch.StartNew();
        psNull.Invoke();
        oursNull.Stop();

        return string.Join(Environment.NewLine,
            $"Get-DockerContainerLog of {lines:N0} lines (counted {counted:N0}): {lines / ours.Elapsed.TotalSeconds:N0} lines/s into ForEach-Object, {lines / oursNull.Elapsed.TotalSeconds:N0} lines/s into Out-Null",
            $"docker logs | wc -l ({cliOut} lines): {lines / cli.Elapsed.TotalSeconds:N0} lines/s",
            $"ratio (ours into Out-Null / CLI): {cli.Elapsed.TotalSeconds / oursNull.Elapsed.TotalSeconds:0.00}×   goal ≥ 0.9×",
            $"peak working-set growth while streaming: {growth:N1} MB   goal < 100 MB");
    }
    finally
    {
        raw.Containers.RemoveContainerAsync(created.ID, new Docker.DotNet.Models.ContainerRemoveParameters { Force = true }).GetAwaiter().GetResult();
    }
}

void InvokeScript(string script, params object[] arguments)
{
    using var ps = PowerShell.Create(runspace);
    ps.AddScript(script);
    foreach (var argument in arguments)
    {
        ps.AddArgument(argument);
    }

    ps.Invoke();
    if (ps.HadErrors)
    {
        throw new InvalidOperationException(script + " failed: " + string.Join("; ", ps.Streams.Error));
    }
}

void BuildBlobImage(string reference, int megabytes)
{
    var folder = Directory.CreateTempSubdirectory("psdocker-bench-img-").FullName;
    try
    {
        WriteRandom(Path.Combine(folder, "blob.bin"), megabytes);
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), $"FROM {image}\nCOPY blob.bin /blob.bin\n");
        RunEnv(new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" }, "docker", "-H", host, "build", "-q", "-t", reference, folder);
    }
    finally
    {
        Directory.Delete(folder, true);
    }
}

static void WriteRandom(string path, int megabytes)
{
    var buffer = new byte[1 << 20];
    using var file = File.Create(path);
    for (var i = 0; i < megabytes; i++)
    {
        Random.Shared.NextBytes(buffer);
        file.Write(buffer);
    }
}

static void RunEnv(Dictionary<string, string> environment, string file, params string[] arguments)
{
    var (exitCode, _, error) = ChildProcess.Run(file, arguments, environment);
    if (exitCode != 0)
    {
        throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {exitCode}: {error}");
    }
}

// Follows volume create events in a runspace of its own while this thread creates volumes with the raw
// client: the time from sending each create to its event object reaching the pipeline.
(double Median, double P99, double Delivery) MeasureEvents(int count)
{
    using var eventsRunspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
    eventsRunspace.Open();
    using (var import = PowerShell.Create(eventsRunspace))
    {
        import.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", "Stop").Invoke();
    }

    using var follow = PowerShell.Create(eventsRunspace);
    follow.AddCommand("Get-DockerEvent")
        .AddParameter("Filter", new System.Collections.Hashtable { ["type"] = "volume", ["event"] = "create" })
        .AddParameter("Verbose");
    var output = new PSDataCollection<PSObject>();
    var arrived = new System.Collections.Concurrent.ConcurrentDictionary<string, (long At, DateTime EngineTime)>();
    var signal = new SemaphoreSlim(0);
    output.DataAdded += (_, e) =>
    {
        var item = output[e.Index];
        arrived[(string)item.Properties["ActorId"].Value] = (Stopwatch.GetTimestamp(), (DateTime)item.Properties["Time"].Value);
        signal.Release();
    };
    var listening = new ManualResetEventSlim();
    follow.Streams.Verbose.DataAdded += (_, _) => listening.Set();
    var handle = follow.BeginInvoke<PSObject, PSObject>(null, output);
    if (!listening.Wait(TimeSpan.FromSeconds(20)))
    {
        throw new InvalidOperationException("Get-DockerEvent did not start listening");
    }

    var latencies = new List<double>();
    var deliveries = new List<double>();
    try
    {
        for (var i = -5; i < count; i++)
        {
            var name = $"psdt-bench-ev-{Guid.NewGuid():N}";
            var sent = Stopwatch.GetTimestamp();
            raw.Volumes.CreateAsync(new Docker.DotNet.Models.VolumesCreateParameters { Name = name, Labels = benchLabels }).GetAwaiter().GetResult();
            var deadline = Stopwatch.StartNew();
            (long At, DateTime EngineTime) got;
            while (!arrived.TryGetValue(name, out got))
            {
                if (!signal.Wait(TimeSpan.FromSeconds(5) - deadline.Elapsed))
                {
                    throw new InvalidOperationException("no event for " + name);
                }
            }

            var wall = DateTime.Now;
            if (i >= 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent, got.At).TotalMilliseconds);
                deliveries.Add((wall - got.EngineTime).TotalMilliseconds - Stopwatch.GetElapsedTime(got.At).TotalMilliseconds);
            }

            raw.Volumes.RemoveAsync(name).GetAwaiter().GetResult();
        }
    }
    finally
    {
        follow.Stop();
        GC.KeepAlive(handle);
    }

    latencies.Sort();
    return (Median(latencies), latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1], Median(deliveries));
}

TimeSpan Invoke(string command)
{
    using var ps = PowerShell.Create(runspace);
    ps.AddCommand(command);
    var clock = Stopwatch.StartNew();
    var result = ps.Invoke();
    clock.Stop();
    if (ps.HadErrors || result.Count != 1)
    {
        throw new InvalidOperationException(command + " failed: " + string.Join("; ", ps.Streams.Error));
    }

    return clock.Elapsed;
}

double MeasureLoop(string command, int count)
{
    // Rounds of `count` calls in one script; per-call time of each round, median over rounds.
    using var ps = PowerShell.Create(runspace);
    ps.AddScript($"$null = foreach ($i in 1..{Math.Max(3, count / 10)}) {{ {command} }}").Invoke();
    var rounds = new List<double>();
    for (var round = 0; round < 5; round++)
    {
        using var timed = PowerShell.Create(runspace);
        timed.AddScript($"$w = [Diagnostics.Stopwatch]::StartNew(); $null = foreach ($i in 1..{count}) {{ {command} }}; $w.Elapsed.TotalMilliseconds");
        var total = (double)timed.Invoke().Single().BaseObject;
        if (timed.HadErrors)
        {
            throw new InvalidOperationException(command + " failed: " + string.Join("; ", timed.Streams.Error));
        }

        rounds.Add(total / count);
    }

    return Median(rounds);
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static double Measure(int count, Func<object?> action)
{
    for (var i = 0; i < Math.Max(3, count / 10); i++)
    {
        action();
    }

    var samples = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        var clock = Stopwatch.StartNew();
        var inner = action();
        clock.Stop();
        samples.Add(inner is TimeSpan own ? own.TotalMilliseconds : clock.Elapsed.TotalMilliseconds);
    }

    return Median(samples);
}

static string Ms(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture) + " ms";

static object? Run(string file, params string[] arguments)
{
    RunCapture(file, arguments);
    return null;
}

static int RunStatus(string file, params string[] arguments) => ChildProcess.Run(file, arguments).ExitCode;

static string RunCapture(string file, params string[] arguments)
{
    var (exitCode, output, _) = ChildProcess.Run(file, arguments);
    if (exitCode != 0)
    {
        throw new InvalidOperationException($"{file} exited {exitCode}");
    }

    return output;
}

static string FindManifest()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "out", "PSDocker", "PSDocker.psd1");
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new InvalidOperationException("out/PSDocker/PSDocker.psd1 not found: run dotnet build first");
}

record Row(string Ours, double OursMedian, string Other, double OtherMedian, string Goal);
