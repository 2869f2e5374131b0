using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using PSDocker.Tests.Harness;

namespace PSDocker.Tests;

/// <summary>
/// What Pester cannot see of Get-DockerEvent: each live event arriving before the next action, stopping the
/// pipeline as Ctrl+C does, the requests sent. tests/Pester/System.Tests.ps1 checks past windows, leaving a
/// stream early and the errors.
/// </summary>
[Collection(EngineCollection.Name)]
public class EventTests
{
    private const string Image = EngineFixture.TestImage;
    private readonly EngineFixture _engine;

    public EventTests(EngineFixture engine) => _engine = engine;

    private EnvScope Env() => EnvScope.Clean(("DOCKER_HOST", _engine.Host));

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public void Events_of_a_labelled_container_arrive_in_order_each_before_the_next_action_and_CtrlC_ends_the_stream()
    {
        var tag = Unique("ev");
        using var env = Env();
        using var runspace = PowerShellRunner.OpenRunspace();
        using var ps = PowerShell.Create(runspace);
        ps.AddCommand("Get-DockerEvent").AddParameter("Filter", new Hashtable { ["label"] = "t=" + tag }).AddParameter("Verbose");
        var output = new PSDataCollection<PSObject>();
        var arrivals = new BlockingCollection<PSObject>();
        output.DataAdded += (_, e) => arrivals.Add(output[e.Index]);
        var listening = new ManualResetEventSlim();
        ps.Streams.Verbose.DataAdded += (_, _) => listening.Set();
        var handle = ps.BeginInvoke<PSObject, PSObject>(null, output);
        string? id = null;
        try
        {
            Assert.True(listening.Wait(TimeSpan.FromSeconds(15)), "Get-DockerEvent never said it was listening");
            var seen = new List<string>();

            // Each action waits for its event before the next one runs.
            PSObject Expect(string action)
            {
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (arrivals.TryTake(out var item, deadline - DateTime.UtcNow > TimeSpan.Zero ? deadline - DateTime.UtcNow : TimeSpan.Zero))
                {
                    var got = (string)item.Properties["Action"].Value;
                    seen.Add(got);
                    if (got == action)
                    {
                        return item;
                    }
                }

                throw new Xunit.Sdk.XunitException($"no '{action}' event within 10 s; saw: {string.Join(", ", seen)}");
            }

            id = _engine.DockerOk("create", "--label", "t=" + tag, "--label", EngineFixture.TestLabel + "=events", Image, "sleep", "60");
            var created = Expect("create");
            _engine.DockerOk("start", id);
            Expect("start");
            _engine.DockerOk("stop", "-t", "0", id);
            Expect("die");
            _engine.DockerOk("rm", id);
            Expect("destroy");

            var order = seen.Where(a => a is "create" or "start" or "die" or "destroy").ToList();
            Assert.Equal(new[] { "create", "start", "die", "destroy" }, order);
            Assert.Equal("PSDocker.Model.DockerEvent", created.TypeNames[0]);
            Assert.Equal("container", created.Properties["Type"].Value);
            Assert.Equal(id, created.Properties["ActorId"].Value);
            Assert.Equal("local", created.Properties["Scope"].Value);
            var attributes = (IReadOnlyDictionary<string, string>)created.Properties["Attributes"].Value;
            Assert.Equal(tag, attributes["t"]);
            Assert.Equal(Image, attributes["image"]);
            Assert.True(Math.Abs(((DateTime)created.Properties["Time"].Value - DateTime.Now).TotalMinutes) < 2);
            Assert.Equal(_engine.Host, created.Properties["DockerHost"].Value);

            var clock = Stopwatch.StartNew();
            ps.Stop();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"stop took {clock.Elapsed}");
            Assert.True(handle.IsCompleted);
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        }
        finally
        {
            if (!handle.IsCompleted)
            {
                ps.Stop();
            }

            if (id != null)
            {
                _engine.Docker("rm", "-f", id);
            }
        }
    }

    [Fact]
    public void Bad_event_arguments_are_specific_errors()
    {
        using var recorder = new RequestRecorder(_engine.Host);
        using var env = EnvScope.Clean(("DOCKER_HOST", recorder.Host));
        var badTime = PowerShellRunner.Run("Get-DockerEvent -Since 'yesterday-ish'");
        var timeError = Assert.IsType<ErrorRecord>(badTime.Terminating);
        Assert.Equal("InvalidTimeArgument,PSDocker.Commands.SystemCommands.GetDockerEventCommand", timeError.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, timeError.CategoryInfo.Category);
        Assert.Empty(recorder.Paths);

        // Engines before API 1.43 ignore unknown filters and would follow every event: refused here.
        // The target is the key (or the event type) that is wrong, not the whole hashtable.
        foreach (var (filter, wrong) in new[] { ("@{nonsense='x'}", "nonsense"), ("@{type='contianer'}", "contianer") })
        {
            var badFilter = PowerShellRunner.Run("Get-DockerEvent -Filter " + filter);
            var filterError = Assert.IsType<ErrorRecord>(badFilter.Terminating);
            Assert.Equal("InvalidEventFilter,PSDocker.Commands.SystemCommands.GetDockerEventCommand", filterError.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, filterError.CategoryInfo.Category);
            Assert.Equal(wrong, filterError.TargetObject);
        }

        var badRange = Assert.IsType<ErrorRecord>(PowerShellRunner.Run("Get-DockerEvent -Since 1m -Until 5m").Terminating);
        Assert.Equal("InvalidTimeRange,PSDocker.Commands.SystemCommands.GetDockerEventCommand", badRange.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, badRange.CategoryInfo.Category);
        Assert.Empty(recorder.Paths);
    }
}
