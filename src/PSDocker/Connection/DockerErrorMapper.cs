using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Docker.DotNet;
using PSDocker.Resources;

namespace PSDocker.Connection
{
    /// <summary>
    /// The one place where API and transport failures become ErrorRecords: specific ids, the right
    /// category, the target the user named, and a message that says what to do.
    /// </summary>
    internal static class DockerErrorMapper
    {
        /// <summary>What kind of failure an exception is; connection failures also invalidate the cached session.</summary>
        public static bool IsConnectionFailure(Exception e) =>
            e is DockerPSException p && (p.ErrorId == "DockerEngineUnreachable" || p.ErrorId == "DockerEnginePermissionDenied");

        /// <summary>
        /// Maps <paramref name="error"/> to a <see cref="DockerPSException"/>. <paramref name="subject"/> prefixes the
        /// ErrorId of API answers (e.g. "Container" gives ContainerNotFound); transport failures have fixed ids.
        /// A cancellation the user did not ask for is the <paramref name="requestTimeout"/> the request ran under.
        /// </summary>
        public static DockerPSException ToException(Exception error, DockerEndpoint endpoint, TlsAuthProvider? tls, string subject, object? target, TimeSpan? requestTimeout = null)
        {
            if (error is DockerPSException known)
            {
                return known;
            }

            if (error is AggregateException aggregate && aggregate.InnerExceptions.Count == 1)
            {
                return ToException(aggregate.InnerExceptions[0], endpoint, tls, subject, target, requestTimeout);
            }

            if (error is DockerApiException api)
            {
                return FromApi(api, endpoint, subject, target);
            }

            // Transport failures: look through the wrappers for the cause.
            var authentication = Find<AuthenticationException>(error);
            if (authentication != null && tls != null)
            {
                return FromTls(authentication, endpoint, tls);
            }

            var socket = Find<SocketException>(error);
            if (socket != null)
            {
                if (socket.SocketErrorCode == SocketError.AccessDenied || socket.ErrorCode == 13 /* EACCES */)
                {
                    return new DockerPSException(Format(ConnectionMessages.EnginePermissionDenied, endpoint.Host),
                        "DockerEnginePermissionDenied", ErrorCategory.PermissionDenied, endpoint.Host, error);
                }

                return Unreachable(endpoint, socket.Message, error);
            }

            if (tls != null && Find<IOException>(error) is IOException tlsIo && IsTlsAlert(tlsIo))
            {
                return FromTls(tlsIo, endpoint, tls);
            }

            if (error is TimeoutException || error is OperationCanceledException)
            {
                // Callers pass on the user's own Ctrl+C before mapping: a cancellation here is the request timeout.
                return Timeout(endpoint, requestTimeout ?? DockerSession.DefaultRequestTimeout, error);
            }

            if (Find<JsonException>(error) is JsonException json)
            {
                return new DockerPSException(Format(ConnectionMessages.EngineProtocolError, endpoint.Host, json.Message),
                    "DockerEngineProtocolError", ErrorCategory.InvalidResult, target ?? endpoint.Host, error);
            }

            if (Find<HttpRequestException>(error) != null || Find<IOException>(error) != null)
            {
                return Unreachable(endpoint, Innermost(error).Message, error);
            }

            return new DockerPSException(Format(ConnectionMessages.EngineProtocolError, endpoint.Host, error.Message),
                "DockerEngineRequestFailed", ErrorCategory.NotSpecified, target ?? endpoint.Host, error);
        }

        /// <summary>
        /// For a request made after a stream ended on its own: an engine that no longer answers went away during the
        /// stream, and the message says so rather than asking whether the daemon runs.
        /// </summary>
        public static DockerPSException LostMidway(DockerPSException mapped, DockerEndpoint endpoint) =>
            mapped.ErrorId == "DockerEngineUnreachable" && mapped.Message.StartsWith("Cannot connect", StringComparison.Ordinal)
                ? new DockerPSException(Format(ConnectionMessages.EngineConnectionBroken, endpoint.Host, ConnectionMessages.GoneDuringStream + " (" + Innermost(mapped).Message + ")"),
                    "DockerEngineUnreachable", ErrorCategory.ConnectionError, endpoint.Host, mapped)
                : mapped;

        /// <summary>DockerEngineTimeout: the endpoint as target, the timeout and how to change it in the message.</summary>
        public static DockerPSException Timeout(DockerEndpoint endpoint, TimeSpan timeout, Exception? error, string? setting = null) =>
            new DockerPSException(Format(ConnectionMessages.EngineTimeout, endpoint.Host, timeout.TotalSeconds.ToString("0.###", CultureInfo.CurrentCulture), setting ?? "$PSDockerRequestTimeoutSec = 120"),
                "DockerEngineTimeout", ErrorCategory.OperationTimeout, endpoint.Host, error);

        private static DockerPSException Unreachable(DockerEndpoint endpoint, string detail, Exception error)
        {
            // A connection that was made and then broke (the engine killed or restarted mid-request, mid-stream):
            // asking whether the daemon runs would send the user the wrong way. Connecting fails with a socket
            // error; without one, the connection was made and the answer never came whole (the client library's
            // own reader then says things like "Sequence contains no elements").
            var socket = Find<SocketException>(error);
            var broken = socket is null
                || socket.SocketErrorCode == SocketError.ConnectionReset || socket.SocketErrorCode == SocketError.ConnectionAborted
                || socket.SocketErrorCode == SocketError.Shutdown || socket.SocketErrorCode == SocketError.Disconnecting;
            if (broken)
            {
                var innermost = Innermost(error);
                var why = innermost is IOException || innermost is SocketException ? innermost.Message : ConnectionMessages.ClosedWithoutAnswer;
                return new DockerPSException(Format(ConnectionMessages.EngineConnectionBroken, endpoint.Host, why),
                    "DockerEngineUnreachable", ErrorCategory.ConnectionError, endpoint.Host, error);
            }

            // A Unix socket that is not there: say so, not "Cannot assign requested address".
            if (endpoint.Uri.Scheme == "unix" && endpoint.Host.StartsWith("unix://", StringComparison.Ordinal))
            {
                var path = endpoint.Host.Substring("unix://".Length);
                if (!File.Exists(path))
                {
                    detail = Format(ConnectionMessages.SocketMissing, path);
                }
            }

            return new DockerPSException(Format(ConnectionMessages.EngineUnreachableDetail, endpoint.Host, detail),
                "DockerEngineUnreachable", ErrorCategory.ConnectionError, endpoint.Host, error);
        }

        private static DockerPSException FromTls(Exception error, DockerEndpoint endpoint, TlsAuthProvider tls)
        {
            var certPath = endpoint.Tls?.CertPath ?? ContextStore.ConfigDirectory;
            var innermost = Innermost(error).Message;
            if (innermost.IndexOf("frame size", StringComparison.OrdinalIgnoreCase) >= 0 || innermost.IndexOf("corrupted frame", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // The answer to the TLS hello was not TLS at all (a plain-HTTP engine or another service answers "HTTP/1.1 400").
                return new DockerPSException(Format(ConnectionMessages.TlsNotSpoken, endpoint.Host),
                    "DockerTlsNotSpoken", ErrorCategory.SecurityError, endpoint.Host, error);
            }

            var failure = tls.LastVerifyFailure;
            if (failure != null)
            {
                return new DockerPSException(Format(ConnectionMessages.TlsVerifyFailed, endpoint.Host, ": " + failure, certPath),
                    "DockerTlsVerifyFailed", ErrorCategory.SecurityError, endpoint.Host, error);
            }

            if (!tls.HasClientCertificate)
            {
                return new DockerPSException(Format(ConnectionMessages.TlsClientCertificateRequired, endpoint.Host, certPath),
                    "DockerTlsClientCertificateRequired", ErrorCategory.SecurityError, endpoint.Host, error);
            }

            return new DockerPSException(Format(ConnectionMessages.TlsHandshakeFailed, endpoint.Host, Innermost(error).Message, certPath),
                "DockerTlsHandshakeFailed", ErrorCategory.SecurityError, endpoint.Host, error);
        }

        private static bool IsTlsAlert(IOException error)
        {
            var text = Innermost(error).Message;
            return text.IndexOf("alert", StringComparison.OrdinalIgnoreCase) >= 0 ||
                   text.IndexOf("SSL", StringComparison.Ordinal) >= 0 ||
                   text.IndexOf("certificate", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        private static DockerPSException FromApi(DockerApiException api, DockerEndpoint endpoint, string subject, object? target)
        {
            var message = EngineMessage(api.ResponseBody);
            var status = (int)api.StatusCode;
            target ??= endpoint.Host;

            if (api.StatusCode == HttpStatusCode.BadRequest && message.IndexOf("HTTP request to an HTTPS server", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return new DockerPSException(Format(ConnectionMessages.TlsRequired, endpoint.Host), "DockerTlsRequired", ErrorCategory.SecurityError, endpoint.Host, api);
            }

            string id;
            ErrorCategory category;
            switch (status)
            {
                case 400:
                    id = subject + "InvalidArgument";
                    category = ErrorCategory.InvalidArgument;
                    break;
                case 401:
                    id = subject + "AuthenticationFailed";
                    category = ErrorCategory.AuthenticationError;
                    break;
                case 403:
                    id = subject + "PermissionDenied";
                    category = ErrorCategory.PermissionDenied;
                    break;
                case 404:
                    id = subject + "NotFound";
                    category = ErrorCategory.ObjectNotFound;
                    break;
                case 409:
                    if (message.IndexOf("already in use", StringComparison.OrdinalIgnoreCase) >= 0 ||
                        message.IndexOf("already exists", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        id = subject + "AlreadyExists";
                        category = ErrorCategory.ResourceExists;
                    }
                    else
                    {
                        id = subject + "Conflict";
                        category = ErrorCategory.InvalidOperation;
                    }

                    break;
                case 503 when SwarmState(message) is string swarmId:
                    // Swarm answers say the engine is in the wrong swarm role, whatever the subject.
                    id = swarmId;
                    category = ErrorCategory.InvalidOperation;
                    break;
                case 503:
                    id = subject + "Unavailable";
                    category = ErrorCategory.ResourceUnavailable;
                    break;
                case 500 when IsStateConflict(message):
                    // The engine answers some wrong-state requests (unpause a running container…) with 500.
                    id = subject + "Conflict";
                    category = ErrorCategory.InvalidOperation;
                    break;
                default:
                    id = subject + "EngineError";
                    category = status >= 500 ? ErrorCategory.InvalidOperation : ErrorCategory.NotSpecified;
                    break;
            }

            var text = message.Length == 0
                ? Format(ConnectionMessages.EngineApiError, endpoint.Host, status, api.StatusCode, "(no message)")
                : char.ToUpperInvariant(message[0]) + message.Substring(1);
            return new DockerPSException(WithHint(text, subject, category, message), id, category, target, api);
        }

        /// <summary>
        /// The engine's words say what is wrong, rarely what to do: the way on for the answers users meet most
        /// (an unknown name, a container in the wrong state, a refused setting).
        /// </summary>
        private const string RefusedSetting = "The engine refused it: check the parameter this names.";

        private static string WithHint(string text, string subject, ErrorCategory category, string message)
        {
            bool Has(string part) => message.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
            string? hint = null;
            if (category == ErrorCategory.ObjectNotFound)
            {
                hint = subject switch
                {
                    "Container" => "Get-DockerContainer -All lists the containers there are.",
                    "Image" => "Get-DockerImage lists the images there are; Install-DockerImage pulls one.",
                    "Volume" => "Get-DockerVolume lists the volumes there are.",
                    "Network" => "Get-DockerNetwork lists the networks there are.",
                    "Service" => "Get-DockerService lists the services there are.",
                    "Node" => "Get-DockerNode lists the nodes of the swarm.",
                    "Secret" => "Get-DockerSecret lists the secrets there are.",
                    "Config" => "Get-DockerConfig lists the configs there are.",
                    "Task" => "Get-DockerTask lists the tasks there are.",
                    _ => null,
                };
            }
            else if (SwarmState(message) is string swarmId)
            {
                hint = swarmId switch
                {
                    "SwarmNotManager" => "Run it against a manager (-Context or -DockerHost of one; Get-DockerNode on a manager lists them), or make this engine one: Initialize-DockerSwarm starts a swarm, Join-DockerSwarm -Token <manager token> joins one.",
                    "SwarmNotActive" => "Initialize-DockerSwarm starts a swarm on this engine; Join-DockerSwarm joins an existing one.",
                    "SwarmAlreadyActive" => "Exit-DockerSwarm leaves the swarm it is in first (-Force for the last manager).",
                    _ => "Unlock-DockerSwarm -UnlockKey unlocks it, with the key Get-DockerSwarm -UnlockKey gave on a manager.",
                };
            }
            else if (category == ErrorCategory.InvalidOperation && subject == "Container")
            {
                hint = Has("is not running") ? "Start it first (Start-DockerContainer), or pick a running one (Get-DockerContainer)."
                    : Has("is already paused") ? "It is paused already; Resume-DockerContainer resumes it."
                    : Has("is not paused") ? "Only a paused container can be resumed; Suspend-DockerContainer pauses one."
                    : Has("is paused") ? "Resume it first (Resume-DockerContainer)."
                    : message.StartsWith("Invalid", StringComparison.OrdinalIgnoreCase) ? RefusedSetting
                    : null;
            }
            else if (category == ErrorCategory.InvalidArgument && (subject == "Container" || subject == "Image"))
            {
                hint = RefusedSetting;
            }

            return hint is null ? text : text.TrimEnd() + (text.TrimEnd().EndsWith(".", StringComparison.Ordinal) ? " " : ". ") + hint;
        }

        /// <summary>The id of a swarm-state answer (503): the engine is no manager, in no swarm, already in one, or locked.</summary>
        private static string? SwarmState(string message)
        {
            bool Has(string part) => message.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
            return Has("not a swarm manager") ? "SwarmNotManager"
                : Has("not part of a swarm") ? "SwarmNotActive"
                : Has("already part of a swarm") ? "SwarmAlreadyActive"
                : Has("needs to be unlocked") || Has("swarm is locked") ? "SwarmLocked"
                : null;
        }

        private static bool IsStateConflict(string message) =>
            message.IndexOf("is not paused", StringComparison.OrdinalIgnoreCase) >= 0 ||
            message.IndexOf("is already paused", StringComparison.OrdinalIgnoreCase) >= 0 ||
            message.IndexOf("is not running", StringComparison.OrdinalIgnoreCase) >= 0 ||
            message.IndexOf("is paused", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The engine's own words: the "message" of its JSON error body, else the body as text.</summary>
        internal static string EngineMessage(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return string.Empty;
            }

            try
            {
                using var document = JsonDocument.Parse(body!);
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("message", out var message) &&
                    message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString()?.Trim() ?? string.Empty;
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy, or Go's plain-text HTTP errors): the body itself is the message.
            }

            return body!.Trim();
        }

        private static T? Find<T>(Exception error) where T : Exception
        {
            for (var current = error; current != null; current = current.InnerException)
            {
                if (current is T match)
                {
                    return match;
                }

                if (current is AggregateException aggregate)
                {
                    foreach (var inner in aggregate.InnerExceptions)
                    {
                        var found = Find<T>(inner);
                        if (found != null)
                        {
                            return found;
                        }
                    }
                }
            }

            return null;
        }

        private static Exception Innermost(Exception error)
        {
            var current = error;
            while (current.InnerException != null)
            {
                current = current.InnerException;
            }

            return current;
        }

        private static string Format(string template, params object[] args) =>
            string.Format(CultureInfo.CurrentCulture, template, args);
    }
}
