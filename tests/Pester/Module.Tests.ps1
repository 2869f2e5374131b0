# The module as PowerShell sees it: autoload by name, the manifest, conformance over every exported cmdlet,
# help, and runspaces that load it on their own.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $manifest = Join-Path $env:PSDOCKER_PESTER_REPO 'out/PSDocker/PSDocker.psd1'
}

Describe 'Loading' {
    It 'autoloads by name: the first call of a cmdlet imports the module' {
        $out = Invoke-FreshPwsh '$null -eq (Get-Module PSDocker); Test-DockerConnection; (Get-Module PSDocker).Name'
        $out | Should -Be @('True', 'True', 'PSDocker')
    }

    It 'has a manifest that Test-ModuleManifest accepts, with the cmdlets listed explicitly' {
        $info = Test-ModuleManifest $manifest
        $info.ExportedCmdlets.Count | Should -Be (Get-Command -Module PSDocker).Count
        (Import-PowerShellDataFile $manifest).CmdletsToExport.Count | Should -BeGreaterThan 40
    }
}

Describe 'Conformance of every exported cmdlet' {
    BeforeDiscovery {
        Import-Module PSDocker
        $cmdlets = Get-Command -Module PSDocker | ForEach-Object { @{ Name = $_.Name } }
    }

    BeforeAll {
        $approved = (Get-Verb).Verb
        $readOnly = 'Get', 'Test', 'Wait', 'Enter'
    }

    It '<Name> has an approved verb, a singular Docker noun and [OutputType]' -TestCases $cmdlets {
        param($Name)
        $command = Get-Command $Name
        $approved | Should -Contain $command.Verb
        $command.Noun | Should -BeLike 'Docker*'
        $command.Noun | Should -Not -Match '[^s]s$'
        $command.OutputType.Count | Should -BeGreaterThan 0
    }

    It '<Name> supports -WhatIf when it changes state' -TestCases $cmdlets {
        param($Name)
        $command = Get-Command $Name
        if ($command.Verb -notin $readOnly) {
            $command.Parameters.Keys | Should -Contain 'WhatIf'
            $command.Parameters.Keys | Should -Contain 'Confirm'
        }
    }

    It '<Name> has help with a synopsis, an example and a description of every parameter' -TestCases $cmdlets {
        param($Name)
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $documented = @($help.Parameters.Parameter | Where-Object { $_.Description.Text }).Name
        foreach ($parameter in (Get-Command $Name).Parameters.Values | Where-Object { $_.Name -notin $common -and -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }) }) {
            $documented | Should -Contain $parameter.Name -Because "$Name -$($parameter.Name) needs help"
        }
    }
}

Describe 'Runspaces' {
    It 'ForEach-Object -Parallel with 8 threads autoloads the module and works in every thread' {
        $results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            [pscustomobject]@{ Ok = Test-DockerConnection; Images = @(Get-DockerImage).Count }
        }
        $results.Count | Should -Be 8
        $results.Ok | Should -Not -Contain $false
        $results.Images | Should -Not -Contain 0
    }

    It 'Start-ThreadJob autoloads the module' {
        $job = Start-ThreadJob { (Get-DockerVersion).ApiVersion }
        $version = $job | Wait-Job -Timeout 60 | Receive-Job
        $job | Remove-Job -Force
        $version | Should -Be (Invoke-TestDocker version -f '{{.Server.APIVersion}}')
    }

    Context 'another runspace importing another folder' {
        BeforeAll {
            # Three copies of the built module: A, an identical B, and C, a different build of the same version
            # (the same assembly with another module version id, as a rebuild gives).
            $root = Join-Path $env:PSDOCKER_PESTER_TEMP "builds-$([guid]::NewGuid().ToString('n').Substring(0, 6))"
            foreach ($copy in 'A', 'B', 'C') { Copy-Item (Split-Path $manifest) (Join-Path $root $copy) -Recurse }
            $dll = Join-Path $root 'C/PSDocker.dll'
            $bytes = [IO.File]::ReadAllBytes($dll)
            $reader = [System.Reflection.PortableExecutable.PEReader]::new([IO.MemoryStream]::new($bytes))
            $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($reader)
            $mvid = $metadata.GetGuid($metadata.GetModuleDefinition().Mvid).ToByteArray()
            $reader.Dispose()
            $at = -1
            for ($i = 0; $i -le $bytes.Length - 16 -and $at -lt 0; $i++) {
                if ($bytes[$i] -eq $mvid[0] -and [System.Linq.Enumerable]::SequenceEqual([byte[]]$bytes[$i..($i + 15)], [byte[]]$mvid)) { $at = $i }
            }
            $at | Should -BeGreaterThan 0
            $bytes[$at] = $bytes[$at] -bxor 0xff
            [IO.File]::WriteAllBytes($dll, $bytes)

            $script = @'
Import-Module '{0}/A/PSDocker.psd1'
foreach ($copy in 'B', 'C') {{
    $ps = [powershell]::Create()
    $null = $ps.AddScript("Import-Module '{0}/$copy/PSDocker.psd1'; (Get-Command Get-DockerContainer).Module.ModuleBase")
    $base = $ps.Invoke()
    $err = $ps.Streams.Error | Select-Object -First 1
    [pscustomobject]@{{ Copy = $copy; Base = "$base"; ErrorId = "$($err.FullyQualifiedErrorId)"; Category = "$($err.CategoryInfo.Category)"; Message = "$err" }} | ConvertTo-Json -Compress
    $ps.Dispose()
}}
'@ -f $root
            $results = Invoke-FreshPwsh $script | ForEach-Object { $_ | ConvertFrom-Json }
        }

        It 'loads an identical copy and works' {
            $b = $results | Where-Object Copy -eq 'B'
            $b.ErrorId | Should -BeNullOrEmpty
            $b.Base | Should -Be (Join-Path $root 'B')
        }

        It 'refuses a different build with an error that says what happened and what to do' {
            $c = $results | Where-Object Copy -eq 'C'
            $c.ErrorId | Should -Be 'PSDockerOtherBuildLoaded,Microsoft.PowerShell.Commands.ImportModuleCommand'
            $c.Category | Should -Be 'ResourceUnavailable'
            $c.Message | Should -BeLike "*already has PSDocker * loaded from '$(Join-Path $root 'A')'*different build*'$(Join-Path $root 'C')'*Import-Module '$(Join-Path $root 'A')'*new pwsh*"
        }
    }
}
