# The engine as a whole: connection, version, info, events, disk usage and prune; the errors of an engine that
# is not there or a host that is malformed.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage

    function Test-Exists([string] $Kind, [string] $Name) {
        Invoke-TestDockerUnchecked $Kind inspect $Name | Out-Null
        $LASTEXITCODE -eq 0
    }

    function Invoke-WithDockerHost([string] $DockerHost, [scriptblock] $Script) {
        <# Runs -Script with $env:DOCKER_HOST set to -DockerHost (unset when empty), then puts it back. #>
        $saved = $env:DOCKER_HOST
        try {
            if ($DockerHost) { $env:DOCKER_HOST = $DockerHost } else { Remove-Item env:DOCKER_HOST -ErrorAction Ignore }
            & $Script
        } finally { $env:DOCKER_HOST = $saved }
    }
}

AfterAll { Remove-TestObject }

Describe 'System cmdlets' {
    It 'Test-DockerConnection is $true for the engine and $false for a socket that is not there' {
        Test-DockerConnection | Should -BeTrue
        Test-DockerConnection -DockerHost 'unix:///nonexistent/pester.sock' | Should -BeFalse
    }

    It 'Get-DockerVersion and Get-DockerInfo agree with docker version and docker info' {
        (Get-DockerVersion).ApiVersion | Should -Be (Invoke-TestDocker version -f '{{.Server.APIVersion}}')
        (Get-DockerInfo).Id | Should -Be (Invoke-TestDocker info -f '{{.ID}}')
        Get-DockerInfo | ConvertTo-Json | ConvertFrom-Json | Select-Object -ExpandProperty ServerVersion | Should -Not -BeNullOrEmpty
    }

    It 'Get-DockerDiskUsage has one totals row per kind' {
        (Get-DockerDiskUsage).Type | Should -Contain 'Images'
    }

    It 'Get-DockerEvent returns what happened in a time window' {
        $since = Get-Date
        $name = New-TestName 'ev'
        Invoke-TestDocker create --label psdocker.test=system --name $name $image | Out-Null
        $events = Get-DockerEvent -Since $since -Until (Get-Date).AddSeconds(1)
        ($events | Where-Object Action -eq 'create' | ForEach-Object { $_.Attributes['name'] }) | Should -Contain $name
    }

    It 'Clear-DockerSystem -WhatIf removes nothing' {
        $name = New-TestName 'prune'
        Invoke-TestDocker create --label psdocker.test=system --name $name $image | Out-Null
        Clear-DockerSystem -Type Container -WhatIf
        Invoke-TestDocker ps -aq --filter "name=$name" | Should -Not -BeNullOrEmpty
    }

    It 'Get-DockerDiskUsage counts like docker system df; -Detail names each volume and image with its use' {
        $volume, $container = (New-TestName 'df'), (New-TestName 'dfc')
        Invoke-TestDocker volume create --label psdocker.test=system $volume | Out-Null
        Invoke-TestDocker run -d --label psdocker.test=system --name $container -v "${volume}:/data" $image sh -c 'head -c 200000 /dev/zero > /data/blob; sleep 60' | Out-Null
        try {
            # The container writes its blob first; wait for it so both tools see the same sizes.
            Wait-Until { Invoke-TestDockerUnchecked exec $container test -s /data/blob | Out-Null; $LASTEXITCODE -eq 0 } 10 'The blob written'

            $totals = Get-DockerDiskUsage
            $cli = Invoke-TestDocker system df --format '{{.Type}}|{{.TotalCount}}|{{.Active}}' | ForEach-Object { , ($_ -split '\|') }
            $totals.Type | Should -Be ($cli | ForEach-Object { $_[0] })
            $totals | ForEach-Object { "$($_.TotalCount)/$($_.Active)" } | Should -Be ($cli | ForEach-Object { "$($_[1])/$($_[2])" })
            $totals | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'PSDocker.Model.DockerDiskUsage' }
            ($totals | Where-Object Type -eq 'Local Volumes').Size | Should -BeGreaterOrEqual 200000
            $images = $totals | Where-Object Type -eq 'Images'
            $images.Reclaimable | Should -BeLessOrEqual $images.Size

            $detail = Get-DockerDiskUsage -Detail -Type Volume, Image
            $detail | ForEach-Object { $_.PSObject.TypeNames[0] | Should -Be 'PSDocker.Model.DockerDiskUsageItem' }
            $detail | Where-Object Type -NotIn 'Volume', 'Image' | Should -BeNullOrEmpty
            $mine = $detail | Where-Object Name -eq $volume
            $mine.Type | Should -Be 'Volume'
            $mine.UsedBy | Should -Be 1
            $mine.InUse | Should -BeTrue
            $mine.Size | Should -BeGreaterOrEqual 200000
            # One row per image (named by its first tag: here the run's registry copy of the test image).
            $testImage = $detail | Where-Object Id -eq (Invoke-TestDocker image inspect -f '{{.Id}}' $image)
            @($testImage).Count | Should -Be 1
            $testImage.Type | Should -Be 'Image'
            $testImage.InUse | Should -BeTrue
            $testImage.Id | Should -BeLike 'sha256:*'
            Invoke-TestDocker image inspect -f '{{json .RepoTags}}' $image | ConvertFrom-Json | Should -Contain $testImage.Name
        } finally {
            Invoke-TestDockerUnchecked rm -f $container | Out-Null
            Invoke-TestDockerUnchecked volume rm $volume | Out-Null
        }
    }

    It 'Clear-DockerSystem with an until filter removes what is older and keeps what was created after it' {
        $label = "psdocker.test=$(New-TestName 'prune')"
        $old, $young = (New-TestName 'old'), (New-TestName 'young')
        Invoke-TestDocker network create --label $label --subnet 10.245.0.0/24 $old | Out-Null
        $oldContainer = Invoke-TestDocker create --label $label $image true
        Start-Sleep -Milliseconds 1100
        $until = Get-Date
        Start-Sleep -Milliseconds 1100
        Invoke-TestDocker network create --label $label --subnet 10.246.0.0/24 $young | Out-Null
        $youngContainer = Invoke-TestDocker create --label $label $image true
        try {
            $result = Clear-DockerSystem -Type Network, Container -Filter @{ label = $label; until = $until } -Confirm:$false
            $result.NetworksDeleted | Should -Be @($old)
            $result.ContainersDeleted | Should -Be @($oldContainer)
            Test-Exists network $young | Should -BeTrue
            Test-Exists container $youngContainer | Should -BeTrue
            Test-Exists network $old | Should -BeFalse
            Test-Exists container $oldContainer | Should -BeFalse
        } finally {
            Invoke-TestDockerUnchecked rm -f $oldContainer $youngContainer | Out-Null
            Invoke-TestDockerUnchecked network rm $old $young | Out-Null
        }
    }

    It 'a bad prune filter is refused (InvalidArgument): <Filter>' -TestCases @(
        @{ Filter = "@{dangling='true'}"; Script = { Clear-DockerSystem -Filter @{ dangling = 'true' } -Confirm:$false -ErrorAction Stop }; Id = 'InvalidPruneFilter' }
        @{ Filter = "-Type Volume @{until='24h'}"; Script = { Clear-DockerSystem -Type Volume -Filter @{ until = '24h' } -Confirm:$false -ErrorAction Stop }; Id = 'InvalidPruneFilter' }
        @{ Filter = "@{until='soon-ish'}"; Script = { Clear-DockerSystem -Filter @{ until = 'soon-ish' } -Confirm:$false -ErrorAction Stop }; Id = 'Invalid*' }
        @{ Filter = "@{label='=x'}"; Script = { Clear-DockerSystem -Filter @{ label = '=x' } -Confirm:$false -ErrorAction Stop }; Id = 'InvalidPruneFilter' }
    ) {
        param($Script, $Id)
        $caught = $null
        try { & $Script } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Match '^(InvalidPruneFilter|InvalidTimeArgument),PSDocker\.Commands\.SystemCommands\.ClearDockerSystemCommand$'
        $caught.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'typed errors: <Id>' -TestCases @(
        @{ Script = { Get-DockerVersion -DockerHost 'bogus://x' -ErrorAction Stop }; Id = 'DockerHostInvalid' }
        @{ Script = { Get-DockerInfo -DockerHost 'unix:///nonexistent/pester.sock' -ErrorAction Stop }; Id = 'DockerEngineUnreachable' }
        @{ Script = { Get-DockerEvent -Since 'not-a-time' -Until (Get-Date) -ErrorAction Stop }; Id = 'InvalidTimeArgument' }
        @{ Script = { Get-DockerDiskUsage -Context 'pester-no-such-context' -ErrorAction Stop }; Id = 'DockerContextNotFound' }
        @{ Script = { Clear-DockerSystem -Filter @{ bogus = 1 } -WhatIf -ErrorAction Stop }; Id = 'InvalidPruneFilter' }
    ) {
        param($Script, $Id)
        $Script | Should -Throw -ErrorId "$Id,*"
    }
}

Describe 'Get-DockerEvent' {
    BeforeAll {
        $tag = New-TestName 'ev'
        Invoke-TestDocker rm (Invoke-TestDocker create --label "t=$tag" --label psdocker.test=system $image true) | Out-Null
    }

    It '-Since and -Until return the past events of the filter and end by themselves' {
        $events = Get-DockerEvent -Since 5m -Until ([datetime]::Now) -Filter @{ label = "t=$tag"; event = 'create', 'destroy'; type = 'container' }
        $events.Action | Should -Be 'create', 'destroy'
    }

    It 'leaving a followed stream early (<How>) stops it quietly' -TestCases @(
        @{ How = 'break'; Script = { foreach ($i in 1) { Get-DockerEvent -Since 5m -Filter @{ label = "t=$tag" } | ForEach-Object { $_.Action; break } }; 'after' } }
        @{ How = 'Select-Object -First'; Script = { (Get-DockerEvent -Since 5m -Filter @{ label = "t=$tag" } | Select-Object -First 1).Action; 'after' } }
    ) {
        param($Script)
        $Error.Clear()
        & $Script | Should -Be 'create', 'after'
        $Error.Count | Should -Be 0
    }

    It 'a window with nothing in it returns nothing' {
        Get-DockerEvent -Since ([datetime]::Now.AddMinutes(-10)) -Until 9m -Filter @{ label = "t=$tag" } | Should -BeNullOrEmpty
    }

    It 'bad arguments are <Id> (InvalidArgument): <Name>' -TestCases @(
        @{ Name = "-Since 'yesterday-ish'"; Script = { Get-DockerEvent -Since 'yesterday-ish' -ErrorAction Stop }; Id = 'InvalidTimeArgument' }
        @{ Name = "-Filter @{nonsense='x'}"; Script = { Get-DockerEvent -Filter @{ nonsense = 'x' } -ErrorAction Stop }; Id = 'InvalidEventFilter'; Target = 'nonsense' }
        @{ Name = "-Filter @{type='contianer'}"; Script = { Get-DockerEvent -Filter @{ type = 'contianer' } -ErrorAction Stop }; Id = 'InvalidEventFilter'; Target = 'contianer' }
        @{ Name = '-Since 1m -Until 5m'; Script = { Get-DockerEvent -Since 1m -Until 5m -ErrorAction Stop }; Id = 'InvalidTimeRange' }
    ) {
        param($Script, $Id, $Target)
        $caught = $null
        try { & $Script } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be "$Id,PSDocker.Commands.SystemCommands.GetDockerEventCommand"
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        # A bad filter names the key (or the type) that is wrong, not the whole hashtable.
        if ($Target) { $caught.TargetObject | Should -Be $Target }
    }
}

Describe 'Connection errors' {
    It 'a missing socket in DOCKER_HOST is a terminating DockerEngineUnreachable (ConnectionError) with the CLI sentence' {
        $missing = 'unix:///tmp/psdocker-no-such-dir/docker.sock'
        $outcome = Invoke-WithDockerHost $missing {
            $reached, $output, $caught = $false, $null, $null
            try { $output = Get-DockerVersion -ErrorAction Continue; $reached = $true } catch { $caught = $_ }
            [pscustomobject] @{ Reached = $reached; Output = $output; Caught = $caught }
        }
        $outcome.Reached | Should -BeFalse -Because 'the error ends the statement even with -ErrorAction Continue'
        $outcome.Output | Should -BeNullOrEmpty
        $caught = $outcome.Caught
        $caught.FullyQualifiedErrorId | Should -Be 'DockerEngineUnreachable,PSDocker.Commands.SystemCommands.GetDockerVersionCommand'
        $caught.CategoryInfo.Category | Should -Be 'ConnectionError'
        $caught.TargetObject | Should -Be $missing
        $caught.Exception.Message | Should -Match ([regex]::Escape("Cannot connect to the Docker daemon at $missing. Is the docker daemon running?"))
    }

    It 'Test-DockerConnection says $false for a missing engine without an error; -Detailed gives the ErrorId, -Verbose the reason' {
        $result = Invoke-WithDockerHost 'unix:///tmp/psdocker-no-such-dir/docker.sock' {
            Test-DockerConnection -ErrorVariable failed
            Test-DockerConnection -Detailed -Verbose -ErrorVariable +failed 4>&1
            @($failed).Count | Should -Be 0
        }
        $result[0] | Should -BeFalse
        $detail = $result | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] } | Select-Object -Skip 1
        $detail.Success | Should -BeFalse
        $detail.ErrorId | Should -Be 'DockerEngineUnreachable'
        ($result | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Where-Object { $_ -like '*Is the docker daemon running?*' } | Should -Not -BeNullOrEmpty
    }

    It 'a closed tcp port is DockerEngineUnreachable (ConnectionError) with the CLI sentence' {
        $closed = "tcp://127.0.0.1:$(Get-FreePort)"
        $caught = $null
        try { Get-DockerInfo -DockerHost $closed -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'DockerEngineUnreachable,*'
        $caught.CategoryInfo.Category | Should -Be 'ConnectionError'
        $caught.Exception.Message | Should -Match ([regex]::Escape("Cannot connect to the Docker daemon at $closed. Is the docker daemon running?"))
    }

    It '-DockerHost <DockerHost> is DockerHostInvalid (InvalidArgument) for Get-DockerVersion and Test-DockerConnection' -TestCases @(
        @{ DockerHost = 'foo://x' }
        @{ DockerHost = '/var/run/docker.sock' }
        @{ DockerHost = 'tcp://127.0.0.1:notaport' }
        @{ DockerHost = 'unix://relative/docker.sock' }
    ) {
        param($DockerHost)
        foreach ($script in { Get-DockerVersion -DockerHost $DockerHost -ErrorAction Stop }, { Test-DockerConnection -DockerHost $DockerHost -ErrorAction Stop }) {
            $caught = $null
            try { & $script } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'DockerHostInvalid,*' -Because "$script"
            $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $caught.TargetObject | Should -Be $DockerHost
        }
    }

    It 'a malformed DOCKER_HOST variable is DockerHostInvalid too' {
        $caught = Invoke-WithDockerHost 'foo://x' { try { Get-DockerInfo -ErrorAction Stop } catch { $_ } }
        $caught.FullyQualifiedErrorId | Should -BeLike 'DockerHostInvalid,*'
        $caught.TargetObject | Should -Be 'foo://x'
    }

    It 'fd:// hosts are DockerHostSchemeNotSupported (NotImplemented), naming the schemes there are' {
        $caught = Invoke-WithDockerHost 'fd://3' { try { Get-DockerVersion -ErrorAction Stop } catch { $_ } }
        $caught.FullyQualifiedErrorId | Should -BeLike 'DockerHostSchemeNotSupported,*'
        $caught.CategoryInfo.Category | Should -Be 'NotImplemented'
        $caught.Exception.Message | Should -Match 'ssh://'
        $caught.TargetObject | Should -Be 'fd://3'
    }
}
