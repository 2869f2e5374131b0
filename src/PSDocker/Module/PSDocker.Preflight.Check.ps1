# Dot-sourced by PSDocker.Preflight.ps1 when this process already has a PSDocker.dll loaded from another folder.
# A process holds one PSDocker.dll: loading a different build would fail inside PowerShell's loader with a bare
# "Assembly with same name is already loaded". This says what happened and what to do instead. An identical
# copy in another folder loads silently and works, so only a different build is refused.
# A script block, so nothing is left behind in the caller's scope.
& {
    $here = [System.IO.Path]::Combine($PSScriptRoot, 'PSDocker.dll')
    foreach ($assembly in [System.AppDomain]::CurrentDomain.GetAssemblies()) {
        if ($assembly.IsDynamic -or $assembly.GetName().Name -ne 'PSDocker') { continue }
        $loaded = $assembly.Location
        if (-not $loaded -or [string]::Equals($loaded, $here, [System.StringComparison]::OrdinalIgnoreCase)) { return }
        if ([System.IO.File]::Exists($loaded)) {
            $a = [System.IO.File]::ReadAllBytes($loaded)
            $b = [System.IO.File]::ReadAllBytes($here)
            if ($a.Length -eq $b.Length -and [System.Linq.Enumerable]::SequenceEqual($a, $b)) { return }
        }
        $folder = [System.IO.Path]::GetDirectoryName($loaded)
        $message = "This process already has PSDocker $($assembly.GetName().Version) loaded from '$folder', a different build than the one in '$PSScriptRoot'. " +
            "A process can hold only one PSDocker.dll: import the module from the folder already loaded (Import-Module '$folder'), or start a new pwsh to use the other build."
        throw [System.Management.Automation.ErrorRecord]::new(
            [System.InvalidOperationException]::new($message), 'PSDockerOtherBuildLoaded',
            [System.Management.Automation.ErrorCategory]::ResourceUnavailable, $PSScriptRoot)
    }
}
