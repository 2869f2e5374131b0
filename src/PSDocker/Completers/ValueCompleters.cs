using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace PSDocker.Completers
{
    /// <summary>Signal names for -Signal and -StopSignal, as docker kill and docker run --stop-signal take them.</summary>
    internal sealed class SignalCompleter : DockerCompleter
    {
        private static readonly (string, string)[] Signals =
        {
            ("SIGTERM", "terminate (docker stop's default)"), ("SIGKILL", "kill at once, cannot be caught"), ("SIGINT", "interrupt, as Ctrl+C"),
            ("SIGHUP", "hang up; many servers reload their configuration"), ("SIGQUIT", "quit, often with a core dump"), ("SIGUSR1", "user signal 1"),
            ("SIGUSR2", "user signal 2"), ("SIGWINCH", "window size changed"), ("SIGSTOP", "pause, cannot be caught"), ("SIGCONT", "continue after SIGSTOP"),
            ("SIGALRM", "alarm"), ("SIGPIPE", "broken pipe"),
        };

        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters) => Signals;
    }

    /// <summary>The streams -Attach takes, as docker run --attach does.</summary>
    internal sealed class AttachStreamCompleter : DockerCompleter
    {
        private static readonly (string, string)[] Streams =
        {
            ("stdout", "the container's standard output"), ("stderr", "the container's standard error"), ("stdin", "the container's standard input (with -Interactive)"),
        };

        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters) => Streams;
    }

    /// <summary>Logging drivers for -LogDriver: the built-in ones, and the log plugins the engine reports.</summary>
    internal sealed class LogDriverCompleter : DockerCompleter
    {
        private static readonly (string, string)[] BuiltIn =
        {
            ("json-file", "JSON lines on the engine host (the default)"), ("local", "compact, rotated files on the engine host"), ("none", "no logs"),
            ("journald", "the systemd journal"), ("syslog", "a syslog server"), ("gelf", "a Graylog endpoint"), ("fluentd", "a fluentd collector"),
            ("awslogs", "Amazon CloudWatch Logs"), ("splunk", "a Splunk HTTP event collector"), ("gcplogs", "Google Cloud Logging"), ("etwlogs", "Windows ETW"),
        };

        protected override IEnumerable<(string Value, string Tooltip)> Candidates(IDictionary fakeBoundParameters)
        {
            IEnumerable<string> plugins;
            try
            {
                var session = Session(fakeBoundParameters);
                plugins = Ask(ct => session.Client.System.GetSystemInfoAsync(ct)).Plugins?.Log ?? new List<string>();
            }
            catch (System.Exception e) when (e is Connection.DockerPSException || e is System.AggregateException || e is System.OperationCanceledException || e is System.TimeoutException)
            {
                plugins = Enumerable.Empty<string>(); // offline: the built-in names still help
            }

            return BuiltIn.Concat(plugins.Where(p => BuiltIn.All(b => b.Item1 != p)).Select(p => (p, "a log driver of this engine")));
        }
    }
}
