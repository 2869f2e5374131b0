# Runs as the manifest's ScriptsToProcess, before PowerShell loads PSDocker.dll from this folder.
# PSDocker.dll marks the process that loaded it (PSDOCKER_LOADED_IN, its process id) and the folder it came
# from (PSDOCKER_LOADED_FROM). Nothing loaded in this process, or loaded from this very folder: nothing to
# check, and this line is all an import pays. Otherwise PSDocker.Preflight.Check.ps1 compares the builds.
if ($env:PSDOCKER_LOADED_IN -ne $PID -or $env:PSDOCKER_LOADED_FROM -eq $PSScriptRoot) { return }
. ([System.IO.Path]::Combine($PSScriptRoot, 'PSDocker.Preflight.Check.ps1'))
