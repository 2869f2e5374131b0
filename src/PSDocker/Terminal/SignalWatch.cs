using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;

namespace PSDocker.Terminal
{
    /// <summary>
    /// POSIX signals through .NET 6+'s PosixSignalRegistration, reached by reflection because the module is built
    /// once for netstandard2.0 (PowerShell 7 runs it on .NET 8+, which has the type; Windows PowerShell does not,
    /// and then nothing is watched). The handler runs once, and the signal then does what it would have done.
    /// </summary>
    internal static class SignalWatch
    {
        private static readonly Type? Registration = Type.GetType("System.Runtime.InteropServices.PosixSignalRegistration, System.Runtime.InteropServices", throwOnError: false);
        private static readonly Type? SignalType = Type.GetType("System.Runtime.InteropServices.PosixSignal, System.Runtime.InteropServices", throwOnError: false);
        private static readonly Type? ContextType = Type.GetType("System.Runtime.InteropServices.PosixSignalContext, System.Runtime.InteropServices", throwOnError: false);

        public static IDisposable Start(Action handler, params string[] signals)
        {
            var create = Registration?.GetMethod("Create", BindingFlags.Public | BindingFlags.Static);
            if (create is null || SignalType is null || ContextType is null)
            {
                return new Registrations(new List<IDisposable>());
            }

            var once = new Once(handler);
            var callback = Delegate.CreateDelegate(typeof(Action<>).MakeGenericType(ContextType), once, typeof(Once).GetMethod(nameof(Once.Run))!);
            var made = new List<IDisposable>();
            foreach (var name in signals)
            {
                try
                {
                    var signal = Enum.Parse(SignalType, name);
                    if (create.Invoke(null, new[] { signal, callback }) is IDisposable registration)
                    {
                        made.Add(registration);
                    }
                }
                catch (Exception e) when (e is TargetInvocationException || e is ArgumentException)
                {
                    // Not on this platform (PlatformNotSupportedException inside): that signal is not watched.
                    GC.KeepAlive(e);
                }
            }

            return new Registrations(made);
        }

        private sealed class Once
        {
            private readonly Action _handler;
            private int _ran;

            public Once(Action handler) => _handler = handler;

            public void Run(object context)
            {
                if (Interlocked.Exchange(ref _ran, 1) == 0)
                {
                    _handler();
                }
            }
        }

        private sealed class Registrations : IDisposable
        {
            private readonly List<IDisposable> _made;

            public Registrations(List<IDisposable> made) => _made = made;

            public void Dispose()
            {
                foreach (var registration in _made.AsEnumerable().Reverse())
                {
                    registration.Dispose();
                }

                _made.Clear();
            }
        }
    }
}
