using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using PSDocker.Api;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;
using PSDocker.Resources;

namespace PSDocker.Commands.SystemCommands
{
    /// <summary>
    /// docker events: each event written as it arrives. Without -Until it follows until Ctrl+C, in constant
    /// memory however long it runs.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DockerEvent")]
    [OutputType(typeof(DockerEvent))]
    public sealed class GetDockerEventCommand : DockerCmdlet
    {
        /// <summary>
        /// <para type="description">Also the events since this point: a DateTime, or a duration back from now such as 10m or 1h30m.</para>
        /// </summary>
        [Parameter]
        public object? Since { get; set; }

        /// <summary>
        /// <para type="description">Stop at this point (a DateTime or a duration back from now) instead of following until Ctrl+C.</para>
        /// </summary>
        [Parameter]
        public object? Until { get; set; }

        /// <summary>
        /// <para type="description">Engine-side filters, as docker events --filter: @{type='container'; event='die'; label='a=b'; container='web'}. A value may be an array.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Filter { get; set; }

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            string? since = null, until = null;
            var filters = FilterArgument.ToFilters(Filter);
            try
            {
                var now = DateTime.UtcNow;
                since = Since is null ? null : TimeArgument.ToEngine(Since, nameof(Since), now);
                until = Until is null ? null : TimeArgument.ToEngine(Until, nameof(Until), now);
                if (Since != null && Until != null && TimeArgument.ToUtc(Since, nameof(Since), now) > TimeArgument.ToUtc(Until, nameof(Until), now))
                {
                    throw new DockerPSException(SystemMessages.EventsSinceAfterUntil, "InvalidTimeRange", ErrorCategory.InvalidArgument, Since);
                }

                EventFilters.Validate(filters, Filter);
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }

            var session = GetSession(out var endpoint);
            var path = EventStream.Path(since, until, filters);
            try
            {
                Call(session, "Event", (object?)Filter ?? endpoint.Host, async ct =>
                {
                    using var stream = await session.Raw.GetStreamAsync(path, ct);
                    RegisterForStop(stream);
                    try
                    {
                        // The engine subscribes before it answers: from here on nothing is missed.
                        WriteVerbose(UserText.Format(SystemMessages.EventsListening, endpoint.Host));
                        await EventStream.ReadAsync(stream, endpoint, Emit, ct);
                    }
                    catch (Exception e) when ((e is IOException || e is ObjectDisposedException || e is OperationCanceledException) && ct.IsCancellationRequested)
                    {
                        // Ctrl+C closed the stream under the read.
                        throw new OperationCanceledException(ct);
                    }
                    finally
                    {
                        UnregisterForStop(stream);
                    }
                });
            }
            catch (DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }

        private void Emit(DockerEvent item)
        {
            // After Ctrl+C a last read may complete off the pipeline thread: nothing may be written then.
            if (!StopToken.IsCancellationRequested)
            {
                WriteObject(item);
            }
        }
    }
}
