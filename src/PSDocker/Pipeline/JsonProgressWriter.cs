using System;
using System.Collections.Generic;
using System.Management.Automation;
using Docker.DotNet.Models;

namespace PSDocker.Pipeline
{
    /// <summary>
    /// Maps the engine's JSON message stream (pull, push, load) to PowerShell progress: one parent activity,
    /// one child activity per layer with a stable id, percent from current/total, and Completed records for
    /// every activity that was shown. Must be called on the pipeline thread (a Progress&lt;T&gt; created inside
    /// <see cref="DockerCmdlet.Await{T}"/> posts there).
    /// </summary>
    internal sealed class JsonProgressWriter
    {
        private readonly Cmdlet _cmdlet;
        private readonly int _parentId;
        private readonly string _activity;
        private readonly Dictionary<string, ProgressRecord> _layers = new Dictionary<string, ProgressRecord>(StringComparer.Ordinal);
        private bool _parentShown;
        private int _nextId;

        public JsonProgressWriter(Cmdlet cmdlet, string activity, int parentId = 1)
        {
            _cmdlet = cmdlet;
            _activity = activity;
            _parentId = parentId;
            _nextId = parentId + 1;
        }

        /// <summary>The first error message in the stream, if any.</summary>
        public JSONError? Error { get; private set; }

        /// <summary>Status lines without a layer (e.g. "Digest: sha256:…", "Status: Downloaded newer image").</summary>
        public List<string> StatusLines { get; } = new List<string>();

        /// <summary>The digest the engine reported, if any.</summary>
        public string? Digest { get; private set; }

        public void Report(JSONMessage message)
        {
            if (message.Error != null)
            {
                Error ??= message.Error;
                return;
            }

            var status = message.Status ?? string.Empty;
            if (string.IsNullOrEmpty(message.ID) || message.Progress is null && !IsLayerStatus(status))
            {
                if (status.Length > 0)
                {
                    StatusLines.Add(string.IsNullOrEmpty(message.ID) ? status : message.ID + ": " + status);
                    // "Digest: sha256:…" after a pull, "latest: digest: sha256:… size: …" after a push.
                    var at = status.IndexOf("sha256:", StringComparison.Ordinal);
                    if (at >= 0 && (status.StartsWith("Digest:", StringComparison.Ordinal) || status.IndexOf("digest: sha256:", StringComparison.Ordinal) >= 0))
                    {
                        Digest = status.Substring(at).Split(' ')[0];
                    }

                    _cmdlet.WriteVerbose(StatusLines[StatusLines.Count - 1]);
                }

                ShowParent(status);
                return;
            }

            ShowParent(null);
            if (!_layers.TryGetValue(message.ID!, out var record))
            {
                record = new ProgressRecord(_nextId++, "Layer " + message.ID, status.Length > 0 ? status : "Waiting") { ParentActivityId = _parentId };
                _layers[message.ID!] = record;
            }

            record.StatusDescription = status.Length > 0 ? status : record.StatusDescription;
            var current = message.Progress?.Current;
            var total = message.Progress?.Total;
            if (current.HasValue && total.HasValue && total.Value > 0)
            {
                record.PercentComplete = (int)Math.Max(0, Math.Min(100, current.Value * 100 / total.Value));
            }
            else if (IsDone(status))
            {
                record.PercentComplete = 100;
            }

            _cmdlet.WriteProgress(Copy(record, ProgressRecordType.Processing));
        }

        /// <summary>Completes every activity shown. Call in finally.</summary>
        public void Complete()
        {
            foreach (var record in _layers.Values)
            {
                _cmdlet.WriteProgress(Copy(record, ProgressRecordType.Completed));
            }

            _layers.Clear();
            if (_parentShown)
            {
                _cmdlet.WriteProgress(new ProgressRecord(_parentId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
                _parentShown = false;
            }
        }

        // Hosts and the Progress stream keep the records they are given: each write gets a record of its own.
        private static ProgressRecord Copy(ProgressRecord state, ProgressRecordType type) =>
            new ProgressRecord(state.ActivityId, state.Activity, state.StatusDescription)
            {
                ParentActivityId = state.ParentActivityId,
                PercentComplete = state.PercentComplete,
                RecordType = type,
            };

        private void ShowParent(string? status)
        {
            if (!_parentShown || status != null)
            {
                _cmdlet.WriteProgress(new ProgressRecord(_parentId, _activity, string.IsNullOrEmpty(status) ? "Working" : status));
                _parentShown = true;
            }
        }

        private static bool IsLayerStatus(string status) =>
            status.StartsWith("Pulling fs layer", StringComparison.Ordinal) || status.StartsWith("Waiting", StringComparison.Ordinal) ||
            IsDone(status) || status.StartsWith("Preparing", StringComparison.Ordinal) || status.StartsWith("Verifying", StringComparison.Ordinal) ||
            status.StartsWith("Download complete", StringComparison.Ordinal) || status.StartsWith("Layer already exists", StringComparison.Ordinal) ||
            status.StartsWith("Mounted from", StringComparison.Ordinal) || status.StartsWith("Already exists", StringComparison.Ordinal);

        private static bool IsDone(string status) =>
            status.StartsWith("Pull complete", StringComparison.Ordinal) || status.StartsWith("Pushed", StringComparison.Ordinal) ||
            status.StartsWith("Already exists", StringComparison.Ordinal) || status.StartsWith("Layer already exists", StringComparison.Ordinal);
    }
}
