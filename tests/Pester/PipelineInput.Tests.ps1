# What a cmdlet that acts takes from the pipeline: strings and its own kind of object, never an object of
# another kind that merely has the same Name (a volume piped to Remove-DockerContainer, a file piped to
# Stop-DockerContainer). Each such object is a typed error naming it, and nothing is touched.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $label = Get-TestLabel

    # One name shared by a running container, a volume, a network, an image tag and a file.
    $shared = New-TestName 'same'
    Invoke-TestDocker run -d --label "$label=pipeline" --name $shared $image sleep 600 | Out-Null
    Invoke-TestDocker volume create --label "$label=pipeline" $shared | Out-Null
    Invoke-TestDocker network create --label "$label=pipeline" --subnet 10.240.7.0/24 $shared | Out-Null
    Invoke-TestDocker tag $image "${shared}:latest" | Out-Null
    $file = New-Item -ItemType File -Path (Join-Path $env:PSDOCKER_PESTER_TEMP $shared) -Force

    function Get-State {
        <# Everything the refused commands could have touched, as the docker CLI sees it. #>
        [pscustomobject] @{
            Container = Invoke-TestDockerUnchecked inspect -f '{{.State.Status}} {{.State.StartedAt}} {{json .NetworkSettings.Networks}}' $shared
            Volume    = Invoke-TestDockerUnchecked volume inspect -f '{{.Name}}' $shared
            Network   = Invoke-TestDockerUnchecked network inspect -f '{{.Id}} {{len .Containers}}' $shared
            Image     = Invoke-TestDockerUnchecked image inspect -f '{{.Id}}' "${shared}:latest"
            Counts    = '{0}/{1}/{2}/{3}' -f @(Invoke-TestDocker ps -aq).Count, @(Invoke-TestDocker volume ls -q).Count, @(Invoke-TestDocker network ls -q).Count, @(Invoke-TestDocker images -q).Count
        } | ConvertTo-Json -Compress
    }
}

AfterAll {
    Invoke-TestDockerUnchecked rmi "${shared}:latest" | Out-Null
    Remove-Item $file -ErrorAction Ignore
    Remove-TestObject
}

Describe 'A cmdlet that acts refuses objects of another kind' {
    It '<Producer> piped to <Consumer> is <Id> (InvalidArgument, the object as target), and nothing changes' -TestCases @(
        @{ Producer = 'a volume'; Consumer = 'Remove-DockerContainer -Force'; Id = 'InputNotAContainer'; Type = 'PSDocker.Model.DockerVolume'; Make = { Get-DockerVolume $shared }; Act = { $input | Remove-DockerContainer -Force } }
        @{ Producer = 'a FileInfo'; Consumer = 'Stop-DockerContainer'; Id = 'InputNotAContainer'; Type = 'System.IO.FileInfo'; Make = { Get-Item $file }; Act = { $input | Stop-DockerContainer -Timeout 0 } }
        @{ Producer = 'a custom object with a Name'; Consumer = 'Remove-DockerContainer -Force'; Id = 'InputNotAContainer'; Type = 'System.Management.Automation.PSCustomObject'; Make = { [pscustomobject] @{ Name = $shared } }; Act = { $input | Remove-DockerContainer -Force } }
        @{ Producer = 'a custom object with an Id'; Consumer = 'Stop-DockerContainer'; Id = 'InputNotAContainer'; Type = 'System.Management.Automation.PSCustomObject'; Make = { [pscustomobject] @{ Id = (Invoke-TestDocker inspect -f '{{.Id}}' $shared) } }; Act = { $input | Stop-DockerContainer -Timeout 0 } }
        @{ Producer = 'a network'; Consumer = 'Restart-DockerContainer'; Id = 'InputNotAContainer'; Type = 'PSDocker.Model.DockerNetwork'; Make = { Get-DockerNetwork $shared }; Act = { $input | Restart-DockerContainer -Timeout 0 } }
        @{ Producer = 'an image'; Consumer = 'Suspend-DockerContainer'; Id = 'InputNotAContainer'; Type = 'PSDocker.Model.DockerImage'; Make = { Get-DockerImage "${shared}:latest" }; Act = { $input | Suspend-DockerContainer } }
        @{ Producer = 'a log line'; Consumer = 'Stop-DockerContainer'; Id = 'InputNotAContainer'; Type = 'PSDocker.Model.DockerLogLine'; Make = { $logged = New-TestName 'log'; Invoke-TestDocker run --label "$label=pipeline" --name $logged $image echo $shared | Out-Null; Get-DockerContainerLog $logged }; Act = { $input | Stop-DockerContainer -Timeout 0 } }
        @{ Producer = 'a volume'; Consumer = 'Get-DockerContainerLog'; Id = 'InputNotAContainer'; Type = 'PSDocker.Model.DockerVolume'; Make = { Get-DockerVolume $shared }; Act = { $input | Get-DockerContainerLog } }
        @{ Producer = 'a container'; Consumer = 'Remove-DockerVolume -Force'; Id = 'InputNotAVolume'; Type = 'PSDocker.Model.DockerContainer'; Make = { Get-DockerContainer $shared }; Act = { $input | Remove-DockerVolume -Force } }
        @{ Producer = 'a FileInfo'; Consumer = 'Remove-DockerVolume'; Id = 'InputNotAVolume'; Type = 'System.IO.FileInfo'; Make = { Get-Item $file }; Act = { $input | Remove-DockerVolume } }
        @{ Producer = 'a container'; Consumer = 'Remove-DockerNetwork'; Id = 'InputNotANetwork'; Type = 'PSDocker.Model.DockerContainer'; Make = { Get-DockerContainer $shared }; Act = { $input | Remove-DockerNetwork } }
        @{ Producer = 'a volume'; Consumer = 'Remove-DockerNetwork'; Id = 'InputNotANetwork'; Type = 'PSDocker.Model.DockerVolume'; Make = { Get-DockerVolume $shared }; Act = { $input | Remove-DockerNetwork } }
        @{ Producer = 'a container'; Consumer = 'Remove-DockerImage -Force'; Id = 'InputNotAnImage'; Type = 'PSDocker.Model.DockerContainer'; Make = { Get-DockerContainer $shared }; Act = { $input | Remove-DockerImage -Force } }
        @{ Producer = 'a FileInfo'; Consumer = 'Remove-DockerImage -Force'; Id = 'InputNotAnImage'; Type = 'System.IO.FileInfo'; Make = { Get-Item $file }; Act = { $input | Remove-DockerImage -Force } }
        @{ Producer = 'a volume'; Consumer = 'Add-DockerImageTag'; Id = 'InputNotAnImage'; Type = 'PSDocker.Model.DockerVolume'; Make = { Get-DockerVolume $shared }; Act = { $input | Add-DockerImageTag -Tag "${shared}:other" } }
        @{ Producer = 'a volume'; Consumer = 'Connect-DockerNetwork'; Id = 'InputNotAContainer'; Type = 'PSDocker.Model.DockerVolume'; Make = { Get-DockerVolume $shared }; Act = { $input | Connect-DockerNetwork $shared } }
        @{ Producer = 'a FileInfo'; Consumer = 'Disconnect-DockerNetwork'; Id = 'InputNotAContainer'; Type = 'System.IO.FileInfo'; Make = { Get-Item $file }; Act = { $input | Disconnect-DockerNetwork $shared } }
    ) {
        $object = & $Make | Select-Object -First 1
        $object | Should -Not -BeNullOrEmpty
        $before = Get-State
        # The refusal is non-terminating: it goes to the error stream and the command goes on.
        $ErrorActionPreference = 'Continue'
        $all = @($object | & $Act 2>&1)
        $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errors[0].TargetObject.PSObject.TypeNames | Should -Contain $Type
        $errors[0].Exception.Message | Should -Match 'so nothing was done with it'
        $errors[0].Exception.Message | Should -Match ('(?i), not an? ' + ($Id -creplace '^InputNotAn?(?=[A-Z])', '') + ', so nothing was done')
        $errors[0].Exception.Message | Should -Match 'Pipe \w+s from Get-Docker\w+, or give'
        Get-State | Should -Be $before
    }

    It 'a refused object does not stop the others: the strings and containers around it are acted on' {
        $other = New-TestName 'other'
        Invoke-TestDocker create --label "$label=pipeline" --name $other $image | Out-Null
        $errors = @()
        @((Get-DockerVolume $shared), $other) | Remove-DockerContainer -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InputNotAContainer,*'
        Invoke-TestDocker ps -aq --filter "name=^/$other$" | Should -BeNullOrEmpty
        Invoke-TestDocker ps -q --filter "name=^/$shared$" | Should -Not -BeNullOrEmpty
    }

    It 'under $ErrorActionPreference Stop the refusal stops the pipeline before anything is done' {
        $before = Get-State
        { Get-DockerVolume $shared | Remove-DockerContainer -Force -ErrorAction Stop } | Should -Throw -ErrorId 'InputNotAContainer,*'
        Get-State | Should -Be $before
    }
}

Describe 'A cmdlet that acts still takes strings and PSDocker objects that stand for its kind' {
    It 'takes names as strings, the container, its -Inspect view and its statistics row' {
        $shared | Suspend-DockerContainer
        Invoke-TestDocker inspect -f '{{.State.Status}}' $shared | Should -Be 'paused'
        Get-DockerContainer $shared -Inspect | Resume-DockerContainer
        Invoke-TestDocker inspect -f '{{.State.Status}}' $shared | Should -Be 'running'
        Get-DockerContainerStatistic $shared | Suspend-DockerContainer
        Invoke-TestDocker inspect -f '{{.State.Status}}' $shared | Should -Be 'paused'
        Get-DockerContainer $shared | Resume-DockerContainer
        Invoke-TestDocker inspect -f '{{.State.Status}}' $shared | Should -Be 'running'
    }

    It "takes Wait-DockerContainer's result, so a finished container can be removed from the pipeline" {
        $done = New-TestName 'done'
        Invoke-TestDocker run -d --label "$label=pipeline" --name $done $image sh -c 'exit 2' | Out-Null
        $exit = Wait-DockerContainer $done
        $exit.ExitCode | Should -Be 2
        $exit | Remove-DockerContainer
        Invoke-TestDocker ps -aq --filter "name=^/$done$" | Should -BeNullOrEmpty
    }

    It 'takes volumes, networks and images by object and by name string, with -WhatIf' {
        $probe = New-TestName 'probe'
        Invoke-TestDocker volume create --label "$label=pipeline" $probe | Out-Null
        Get-DockerVolume $probe | Remove-DockerVolume -WhatIf
        $probe | Remove-DockerVolume -WhatIf
        Invoke-TestDocker volume inspect -f '{{.Name}}' $probe | Should -Be $probe
        $probe | Remove-DockerVolume
        Invoke-TestDockerUnchecked volume inspect $probe | Out-Null
        $LASTEXITCODE | Should -Not -Be 0

        Get-DockerNetwork $shared | Remove-DockerNetwork -WhatIf
        "${shared}:latest" | Add-DockerImageTag -Tag "${shared}:second"
        Get-DockerImage "${shared}:second" -Inspect | Remove-DockerImage
        Invoke-TestDockerUnchecked image inspect "${shared}:second" | Out-Null
        $LASTEXITCODE | Should -Not -Be 0
        Invoke-TestDocker image inspect -f '{{.Id}}' "${shared}:latest" | Should -Not -BeNullOrEmpty
    }

    It 'Connect- and Disconnect-DockerNetwork take container names as strings and containers' {
        $shared | Connect-DockerNetwork $shared
        Invoke-TestDocker network inspect -f '{{len .Containers}}' $shared | Should -Be 1
        Get-DockerContainer $shared | Disconnect-DockerNetwork $shared
        Invoke-TestDocker network inspect -f '{{len .Containers}}' $shared | Should -Be 0
    }
}
