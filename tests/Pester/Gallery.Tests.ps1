# The Gallery path, as a user walks it: build.ps1 -Task Package makes the .nupkg; a repository in a folder
# stands in for the Gallery; Install-Module (PowerShellGet) and Install-PSResource (PSResourceGet) install it
# into a fresh HOME; the module then autoloads by name with its help; Update-Module takes a +0.0.1 package.
# Every child pwsh runs with HOME in a temp folder and without the suite's out/ on PSModulePath, so nothing
# is written outside temp folders and what loads is what was installed.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $root = Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'gallery')
    $feed = (New-Item -ItemType Directory -Path "$root/feed").FullName
    $version = (Import-PowerShellDataFile (Join-Path $env:PSDOCKER_PESTER_REPO 'out/PSDocker/PSDocker.psd1')).ModuleVersion
    function Invoke-InTempHome([string] $HomeName, [string] $Command) {
        $homeFolder = New-Item -ItemType Directory -Path "$root/$HomeName" -Force
        # In the temp home as working folder too: PowerShellGet's NuGet writes NuGet/NuGet.Config relative to it.
        Invoke-FreshPwsh -WorkingDirectory $homeFolder.FullName -Command "`$ErrorActionPreference = 'Stop'; $Command" -Environment @{ HOME = $homeFolder.FullName; PSModulePath = $null; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null }
    }
}

Describe 'Packaging and installing like the Gallery' {
    It 'build.ps1 -Task Package makes PSDocker.<version>.nupkg' {
        $build = Join-Path $env:PSDOCKER_PESTER_REPO 'build.ps1'
        $out = Invoke-InTempHome 'packager' "& '$build' -Task Package -NoBuild -PackageDirectory '$feed' | Out-Null; 'packaged'"
        $out | Should -Contain 'packaged'
        Test-Path (Join-Path $feed "PSDocker.$version.nupkg") | Should -BeTrue
    }

    It 'Install-PSResource installs it; it autoloads by name and has its help' {
        $out = Invoke-InTempHome 'psresourceget' @"
Register-PSResourceRepository -Name PSDockerFeed -Uri '$feed' -Trusted
Install-PSResource PSDocker -Repository PSDockerFeed -Scope CurrentUser -TrustRepository
'loaded-before:' + [bool](Get-Module PSDocker)
'connection:' + (Test-DockerConnection)
'base:' + (Get-Module PSDocker).ModuleBase
'synopsis:' + (Get-Help Get-DockerContainer -Full).Synopsis
"@
        $out | Should -Contain 'loaded-before:False'
        $out | Should -Contain 'connection:True'
        ($out | Where-Object { $_ -like 'base:*' }) | Should -BeLike "base:$root/psresourceget/*/PSDocker/$version"
        ($out | Where-Object { $_ -like 'synopsis:*' }) | Should -Not -Be 'synopsis:'
    }

    It 'Install-Module installs it, and Update-Module moves it to a +0.0.1 package' {
        $next = ([version]$version).Major, ([version]$version).Minor, (([version]$version).Build + 1) -join '.'
        $copy = Join-Path $root "next/PSDocker"
        Copy-Item (Join-Path $env:PSDOCKER_PESTER_REPO 'out/PSDocker') $copy -Recurse -Force
        $psd1 = Join-Path $copy 'PSDocker.psd1'
        (Get-Content $psd1 -Raw) -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion = '$next'" | Set-Content $psd1
        $out = Invoke-InTempHome 'powershellget' @"
Register-PSRepository -Name PSDockerFeed -SourceLocation '$feed' -PublishLocation '$feed' -InstallationPolicy Trusted
Install-Module PSDocker -Repository PSDockerFeed -Scope CurrentUser -WarningAction SilentlyContinue
'installed:' + (Get-InstalledModule PSDocker).Version
'cmdlets:' + (Get-Command -Module PSDocker).Count
Register-PSResourceRepository -Name PSDockerNext -Uri '$feed' -Trusted
Publish-PSResource -Path '$copy' -Repository PSDockerNext
Update-Module PSDocker -WarningAction SilentlyContinue
'updated:' + ((Get-InstalledModule PSDocker -AllVersions).Version | Sort-Object -Descending | Select-Object -First 1)
"@
        $out | Should -Contain "installed:$version"
        ($out | Where-Object { $_ -like 'cmdlets:*' }) | Should -Not -Be 'cmdlets:0'
        $out | Should -Contain "updated:$next"
    }

    It 'wrote nothing into the repository' {
        Test-Path (Join-Path $env:PSDOCKER_PESTER_REPO 'NuGet') | Should -BeFalse
    }
}
