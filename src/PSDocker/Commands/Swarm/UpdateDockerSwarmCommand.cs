using System;
using System.Collections.Generic;
using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>docker swarm update, join-token --rotate and unlock-key --rotate: changes the swarm's settings and keys.</summary>
    [Cmdlet(VerbsData.Update, "DockerSwarm", SupportsShouldProcess = true)]
    [OutputType(typeof(DockerSwarm))]
    public sealed class UpdateDockerSwarmCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">Lock ($true) or stop locking ($false) the managers' keys at rest. With it on, a restarted manager waits for Unlock-DockerSwarm; Get-DockerSwarm -UnlockKey gives the key.</para>
        /// </summary>
        [Parameter]
        public bool? Autolock { get; set; }

        /// <summary>
        /// <para type="description">How many finished tasks per slot the swarm keeps in its history.</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? TaskHistoryLimit { get; set; }

        /// <summary>
        /// <para type="description">How long node certificates are valid (a TimeSpan, at least an hour), e.g. (New-TimeSpan -Days 30).</para>
        /// </summary>
        [Parameter]
        public TimeSpan? CertificateExpiry { get; set; }

        /// <summary>
        /// <para type="description">Replace the worker join token: the old one no longer joins nodes (nodes that joined stay).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter RotateWorkerToken { get; set; }

        /// <summary>
        /// <para type="description">Replace the manager join token.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter RotateManagerToken { get; set; }

        /// <summary>
        /// <para type="description">Replace the unlock key (autolock on).</para>
        /// </summary>
        [Parameter]
        public SwitchParameter RotateUnlockKey { get; set; }

        /// <summary>
        /// <para type="description">Write the swarm as it is after the update.</para>
        /// </summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var changes = new List<string>();
            if (Autolock.HasValue) changes.Add(Autolock.Value ? "turn autolock on" : "turn autolock off");
            if (TaskHistoryLimit.HasValue) changes.Add("task history limit " + TaskHistoryLimit.Value);
            if (CertificateExpiry.HasValue) changes.Add("certificate expiry " + CertificateExpiry.Value);
            if (RotateWorkerToken.IsPresent) changes.Add("rotate the worker join token");
            if (RotateManagerToken.IsPresent) changes.Add("rotate the manager join token");
            if (RotateUnlockKey.IsPresent) changes.Add("rotate the unlock key");
            if (changes.Count == 0)
            {
                ThrowDockerError(new DockerPSException("Nothing to update: give -Autolock, -TaskHistoryLimit, -CertificateExpiry or one of the -Rotate switches.", "UpdateNothingGiven", ErrorCategory.InvalidArgument, null));
            }

            if (CertificateExpiry.HasValue && CertificateExpiry.Value < TimeSpan.FromHours(1))
            {
                ThrowDockerError(new DockerPSException("-CertificateExpiry " + CertificateExpiry.Value + " is shorter than the swarm allows: give an hour or more.", "InvalidCertificateExpiry", ErrorCategory.InvalidArgument, CertificateExpiry.Value));
            }

            var session = GetSession(out var endpoint);
            if (!ShouldProcess(endpoint.Host, "Update the swarm: " + string.Join(", ", changes)))
            {
                return;
            }

            try
            {
                SwarmState.Inspect(this, session, endpoint);

                // Raw, because the library drops the rotate flags; the spec goes back as the engine gave it, with the
                // changed fields set (unknown fields and the engine's own units kept).
                using var current = Call(session, "Swarm", endpoint.Host, ct => session.Raw.GetJsonAsync("swarm", ct));
                var root = current.RootElement;
                var version = root.GetProperty("Version").GetProperty("Index").GetUInt64();
                var spec = System.Text.Json.Nodes.JsonNode.Parse(root.GetProperty("Spec").GetRawText())!.AsObject();
                System.Text.Json.Nodes.JsonObject Section(string name)
                {
                    if (!(spec[name] is System.Text.Json.Nodes.JsonObject section))
                    {
                        section = new System.Text.Json.Nodes.JsonObject();
                        spec[name] = section;
                    }

                    return section;
                }

                if (Autolock.HasValue) Section("EncryptionConfig")["AutoLockManagers"] = Autolock.Value;
                if (TaskHistoryLimit.HasValue) Section("Orchestration")["TaskHistoryRetentionLimit"] = TaskHistoryLimit.Value;
                if (CertificateExpiry.HasValue) Section("CAConfig")["NodeCertExpiry"] = CertificateExpiry.Value.Ticks * 100; // nanoseconds
                var query = "swarm/update?version=" + version.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    + "&rotateWorkerToken=" + (RotateWorkerToken.IsPresent ? "true" : "false")
                    + "&rotateManagerToken=" + (RotateManagerToken.IsPresent ? "true" : "false")
                    + "&rotateManagerUnlockKey=" + (RotateUnlockKey.IsPresent ? "true" : "false");
                Call(session, "Swarm", endpoint.Host, ct => session.Raw.PostJsonAsync(query, spec.ToJsonString(), ct));
                if (Autolock == true)
                {
                    WriteVerbose("Autolock is on: keep the unlock key (Get-DockerSwarm -UnlockKey) somewhere safe; a restarted manager needs it.");
                }

                if (PassThru.IsPresent)
                {
                    WriteObject(SwarmState.Inspect(this, session, endpoint));
                }
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }
    }
}
