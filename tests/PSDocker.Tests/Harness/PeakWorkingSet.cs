using System.Diagnostics;

namespace PSDocker.Tests.Harness;

/// <summary>
/// Samples this process's working set every 20 ms from a baseline taken after a full collection, and reports
/// the peak growth. Shared by the tests and the benchmark (linked there).
/// </summary>
public sealed class PeakWorkingSet : IDisposable
{
    private readonly long _baseline;
    private readonly Timer _sampler;
    private long _peak;

    public PeakWorkingSet()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        _baseline = Current();
        _peak = _baseline;
        _sampler = new Timer(_ => Sample(), null, 0, 20);
    }

    /// <summary>Peak growth over the baseline so far, in MiB.</summary>
    public double GrowthMegabytes
    {
        get
        {
            Sample();
            return (Interlocked.Read(ref _peak) - _baseline) / (1024.0 * 1024.0);
        }
    }

    public void Dispose() => _sampler.Dispose();

    private void Sample()
    {
        var now = Current();
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }

    private static long Current()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }
}
