using System;
using System.Threading;

namespace PSDocker.Terminal
{
    /// <summary>
    /// Puts a console's saved mode back once: when disposed, or when the process exits first (a session ended
    /// by the process's end must not leave the shell's terminal raw). The platform says how, in <c>put</c>.
    /// </summary>
    internal sealed class ModeRestore : IDisposable
    {
        private readonly Action _put;
        private int _done;

        public ModeRestore(Action put)
        {
            _put = put;
            AppDomain.CurrentDomain.ProcessExit += OnExit;
        }

        public void Dispose()
        {
            AppDomain.CurrentDomain.ProcessExit -= OnExit;
            Put();
        }

        private void OnExit(object? sender, EventArgs e) => Put();

        private void Put()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                _put();
            }
        }
    }
}
