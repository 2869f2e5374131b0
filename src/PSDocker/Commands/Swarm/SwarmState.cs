using System.Management.Automation;
using Docker.DotNet.Models;
using PSDocker.Api;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>What the swarm cmdlets ask of an engine about its swarm, and the errors for the wrong state.</summary>
    internal static class SwarmState
    {
        /// <summary>The engine's swarm as a manager sees it; a typed error when it is in no swarm, locked, or a worker.</summary>
        public static DockerSwarm Inspect(DockerCmdlet cmdlet, DockerSession session, DockerEndpoint endpoint)
        {
            var info = cmdlet.Call(session, "Swarm", endpoint.Host, ct => session.Client.System.GetSystemInfoAsync(ct));
            Require(info, endpoint, manager: true);
            var swarm = cmdlet.Call(session, "Swarm", endpoint.Host, ct => session.Client.Swarm.InspectSwarmAsync(ct));
            return SwarmMapper.Swarm(swarm, info, endpoint);
        }

        /// <summary>Throws the typed error for an engine in no swarm, a locked one, or (if <paramref name="manager"/>) a worker.</summary>
        public static void Require(SystemInfoResponse info, DockerEndpoint endpoint, bool manager)
        {
            var state = info.Swarm?.LocalNodeState ?? "inactive";
            if (state == "inactive" || state == "pending" || state == "error")
            {
                throw new DockerPSException(
                    "The engine at " + endpoint.Host + " is not in a swarm (its swarm state is " + state + "). Initialize-DockerSwarm starts one there; Join-DockerSwarm -RemoteAddress <manager> -Token <token> joins one.",
                    "SwarmNotActive", ErrorCategory.InvalidOperation, endpoint.Host);
            }

            if (state == "locked")
            {
                throw new DockerPSException(
                    "The swarm on " + endpoint.Host + " is locked (autolock is on and the engine restarted). Unlock-DockerSwarm -UnlockKey unlocks it, with the key Get-DockerSwarm -UnlockKey gave on a manager.",
                    "SwarmLocked", ErrorCategory.InvalidOperation, endpoint.Host);
            }

            if (manager && !(info.Swarm?.ControlAvailable ?? false))
            {
                throw new DockerPSException(
                    "The engine at " + endpoint.Host + " is a swarm worker; only managers see and change the swarm. Run it against a manager (its -Context or -DockerHost), or promote this node on a manager (Update-DockerNode -Role Manager).",
                    "SwarmNotManager", ErrorCategory.InvalidOperation, endpoint.Host);
            }
        }
    }
}
