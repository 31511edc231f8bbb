using System.Diagnostics;

namespace CredentialConnect.Benchmarks;

/// <summary>
/// Samples the process's working set and managed heap while a run goes on, and notes the peaks seen up to 10% of
/// the data and up to 100%: flat memory means the two are about the same.
/// </summary>
internal sealed class MemoryProbe : IAsyncDisposable
{
    private readonly Func<double> _progress;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakWorkingSet;
    private long _peakHeap;

    public MemoryProbe(Func<double> progress)
    {
        _progress = progress;
        _sampling = Task.Run(SampleAsync);
    }

    public Peaks? AtTenPercent { get; private set; }
    public Peaks? AtEnd { get; private set; }

    public readonly record struct Peaks(long WorkingSet, long ManagedHeap);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        Sample();
        AtEnd = new Peaks(_peakWorkingSet, _peakHeap);
        AtTenPercent ??= AtEnd;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Sample();
                if (AtTenPercent is null && _progress() >= 0.1) AtTenPercent = new Peaks(_peakWorkingSet, _peakHeap);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        _peakWorkingSet = Math.Max(_peakWorkingSet, process.WorkingSet64);
        _peakHeap = Math.Max(_peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
    }
}
