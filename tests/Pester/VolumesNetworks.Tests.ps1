# Volumes and networks: create, list, connect, remove, with -WhatIf and typed errors. Every network gets an
# explicit subnet in 10.231-10.239.x.0/24 (the engine runs with --bridge=none, so nothing else takes those), and
# no test sends traffic to a container.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $label = @{ (Get-TestLabel) = 'volumes-networks' }

    function Test-Volume([string] $Name) { Invoke-TestDockerUnchecked volume inspect $Name | Out-Null; $LASTEXITCODE -eq 0 }
    function Test-Network([string] $Name) { Invoke-TestDockerUnchecked network inspect $Name | Out-Null; $LASTEXITCODE -eq 0 }
    function Get-NetworkCount { @(Invoke-TestDocker network ls -q).Count }

    function Remove-TestNetwork([string[]] $Name) {
        <# Removes networks with the CLI, waiting out the engine's endpoint clean-up after a container went away. #>
        foreach ($network in $Name) {
            Wait-Until {
                if (Test-Network $network) { Invoke-TestDockerUnchecked network rm $network | Out-Null }
                -not (Test-Network $network)
            } 10 "Removing network $network"
        }
    }
}

AfterAll { Remove-TestObject }

Describe 'Volumes' {
    It 'New-DockerVolume makes one docker volume inspect sees; Get- finds it; Remove- -WhatIf keeps it; Remove- removes it' {
        $name = New-TestName 'vol'
        (New-DockerVolume $name -Label $label).Name | Should -Be $name
        (Invoke-TestDocker volume inspect $name | ConvertFrom-Json).Labels.'psdocker.test' | Should -Be 'volumes-networks'
        (Get-DockerVolume -Name $name).Driver | Should -Be 'local'
        Get-DockerVolume -Name $name | Out-String -Width 80 | Should -Match ([regex]::Escape($name))
        Get-DockerVolume -Name $name | Remove-DockerVolume -WhatIf
        Invoke-TestDocker volume ls -q | Should -Contain $name
        Get-DockerVolume -Name $name | Remove-DockerVolume
        Invoke-TestDocker volume ls -q | Should -Not -Contain $name
    }

    It 'New-DockerVolume applies labels (hashtable or strings) and driver options; Get- finds by wildcard, -Label, -Driver and -Filter; -WhatIf changes nothing' {
        $prefix = New-TestName 'vol'
        $a, $b, $c = "$prefix-a", "$prefix-b", "$prefix-c"
        try {
            $created = @(
                New-DockerVolume $a -Label @{ 'psdocker.test' = 'volumes-networks'; tier = 'a' } -DriverOption @{ type = 'tmpfs'; device = 'tmpfs'; o = 'size=1m' }
                New-DockerVolume $b -Label 'psdocker.test=volumes-networks', 'tier=b'
            )
            $created.Count | Should -Be 2
            $created[0].PSObject.TypeNames[0] | Should -Be 'PSDocker.Model.DockerVolume'
            $created[0].Name | Should -Be $a
            $created[0].Driver | Should -Be 'local'
            $created[0].Labels['tier'] | Should -Be 'a'
            $created[0].Options['type'] | Should -Be 'tmpfs'
            $created[0].DockerHost | Should -Be $env:PSDOCKER_PESTER_HOST
            Invoke-TestDocker volume inspect -f '{{.Options.type}}' $a | Should -Be 'tmpfs'
            Invoke-TestDocker volume inspect -f '{{.Labels.tier}}' $b | Should -Be 'b'

            (Get-DockerVolume "$prefix-*").Name | Should -Be $a, $b
            (Get-DockerVolume "$prefix-*" -Label 'tier=b' -Driver local).Name | Should -Be $b
            (Get-DockerVolume -Filter @{ label = 'tier=a'; dangling = $true } | Where-Object Name -like "$prefix-*").Name | Should -Be $a

            # One name missing among found ones: the found one comes out, one VolumeNotFound; a wildcard matching nothing is quiet.
            $found = Get-DockerVolume $a, "$prefix-nope" -ErrorAction SilentlyContinue -ErrorVariable failed
            $found.Name | Should -Be $a
            Get-DockerVolume 'psdt-none-*' -ErrorAction SilentlyContinue -ErrorVariable +failed | Should -BeNullOrEmpty
            @($failed).Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -Be 'VolumeNotFound,PSDocker.Commands.Volumes.GetDockerVolumeCommand'
            $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failed[0].TargetObject | Should -Be "$prefix-nope"

            Get-DockerVolume "$prefix-*" | Remove-DockerVolume -WhatIf
            New-DockerVolume $c -WhatIf | Should -BeNullOrEmpty
            Test-Volume $a | Should -BeTrue
            Test-Volume $b | Should -BeTrue
            Test-Volume $c | Should -BeFalse
            Get-DockerVolume "$prefix-*" | Remove-DockerVolume
            Test-Volume $a | Should -BeFalse
            Test-Volume $b | Should -BeFalse
        } finally {
            Invoke-TestDockerUnchecked volume rm $a $b $c | Out-Null
        }
    }

    It 'an anonymous volume gets a 64-hex name; Remove-DockerVolume with a wildcard removes only what it matches' {
        $prefix = New-TestName 'wild'
        $anonymous = (New-DockerVolume -Label $label).Name
        $anonymous | Should -Match '^[0-9a-f]{64}$'
        foreach ($name in "$prefix-1", "$prefix-2", "${prefix}x") { Invoke-TestDocker volume create --label psdocker.test=volumes-networks $name | Out-Null }
        Remove-DockerVolume "$prefix-?"
        Test-Volume "$prefix-1" | Should -BeFalse
        Test-Volume "$prefix-2" | Should -BeFalse
        Test-Volume "${prefix}x" | Should -BeTrue
        Test-Volume $anonymous | Should -BeTrue
        Remove-DockerVolume 'psdt-none-*' -ErrorVariable quiet
        @($quiet).Count | Should -Be 0
        Invoke-TestDockerUnchecked volume rm "${prefix}x" $anonymous | Out-Null
    }

    It 'removing a volume in use is VolumeInUse naming the container, even with -Force; the one beside it goes' {
        $volume, $spare, $container = (New-TestName 'used'), (New-TestName 'spare'), (New-TestName 'user')
        Invoke-TestDocker volume create --label psdocker.test=volumes-networks $volume | Out-Null
        Invoke-TestDocker volume create --label psdocker.test=volumes-networks $spare | Out-Null
        Invoke-TestDocker create --name $container --label psdocker.test=volumes-networks -v "${volume}:/data" $image | Out-Null
        try {
            # Non-terminating: the script goes on after each.
            $output = @(
                Remove-DockerVolume $volume, $spare -ErrorAction SilentlyContinue -ErrorVariable first
                Remove-DockerVolume $volume -Force -ErrorAction SilentlyContinue -ErrorVariable forced
                'after'
            )
            $output | Should -Be 'after'
            $errors = @($first) + @($forced)
            $errors.Count | Should -Be 2
            foreach ($record in $errors) {
                $record.FullyQualifiedErrorId | Should -Be 'VolumeInUse,PSDocker.Commands.Volumes.RemoveDockerVolumeCommand'
                $record.CategoryInfo.Category | Should -Be 'InvalidOperation'
                $record.TargetObject | Should -Be $volume
                $record.Exception.Message | Should -Match ([regex]::Escape("'$container'"))
            }
            Test-Volume $volume | Should -BeTrue
            Test-Volume $spare | Should -BeFalse
        } finally {
            Invoke-TestDockerUnchecked rm -f $container | Out-Null
            Invoke-TestDockerUnchecked volume rm $volume $spare | Out-Null
        }
    }

    It 'bad New-DockerVolume input is <Id> (InvalidArgument) naming <Target>' -TestCases @(
        @{ Script = { New-DockerVolume 'a/b' -ErrorAction Stop }; Id = 'InvalidVolumeName'; Target = 'a/b' }
        @{ Script = { New-DockerVolume x -ErrorAction Stop }; Id = 'InvalidVolumeName'; Target = 'x' }
        @{ Script = { New-DockerVolume psdt-drv -Driver 'no such driver' -ErrorAction Stop }; Id = 'InvalidVolumeDriver'; Target = 'no such driver' }
        @{ Script = { New-DockerVolume psdt-lbl -Label '=x' -ErrorAction Stop }; Id = 'InvalidLabel'; Target = '=x' }
    ) {
        param($Script, $Id, $Target)
        $caught = $null
        try { & $Script } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be "$Id,PSDocker.Commands.Volumes.NewDockerVolumeCommand"
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.TargetObject | Should -Be $Target
        Test-Volume 'psdt-drv' | Should -BeFalse
        Test-Volume 'psdt-lbl' | Should -BeFalse
    }

    It 'New-DockerVolume of a name that is taken is VolumeAlreadyExists (ResourceExists) and leaves its labels alone' {
        $taken = New-TestName 'taken'
        Invoke-TestDocker volume create --label psdocker.test=volumes-networks $taken | Out-Null
        try {
            $caught = $null
            try { New-DockerVolume $taken -Label @{ changed = 'yes' } -ErrorAction Stop } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'VolumeAlreadyExists,*'
            $caught.CategoryInfo.Category | Should -Be 'ResourceExists'
            $caught.TargetObject | Should -Be $taken
            Invoke-TestDocker volume inspect -f '{{index .Labels "changed"}}' $taken | Should -Be ''
        } finally {
            Invoke-TestDockerUnchecked volume rm $taken | Out-Null
        }
    }

    It 'Remove-DockerVolume of a volume that is not there is one VolumeNotFound (ObjectNotFound) naming it' {
        Remove-DockerVolume psdt-no-such-volume -ErrorAction SilentlyContinue -ErrorVariable failed
        @($failed).Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'VolumeNotFound,PSDocker.Commands.Volumes.RemoveDockerVolumeCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be 'psdt-no-such-volume'
    }

    It 'typed errors: <Script>' -TestCases @(
        @{ Script = { Get-DockerVolume -Name 'pester-no-such-volume' -ErrorAction Stop }; Id = 'VolumeNotFound' }
        @{ Script = { Remove-DockerVolume -Name 'pester-no-such-volume' -ErrorAction Stop }; Id = 'VolumeNotFound' }
        @{ Script = { New-DockerVolume -Name 'bad name!' -ErrorAction Stop }; Id = 'InvalidVolumeName' }
    ) {
        param($Script, $Id)
        $Script | Should -Throw -ErrorId "$Id,*"
    }
}

Describe 'Networks' {
    It 'New-, Connect-, Disconnect- and Remove-DockerNetwork' {
        $name = New-TestName 'net'
        $container = New-TestName 'netc'
        Invoke-TestDocker run -d --label psdocker.test=volumes-networks --name $container $image sleep 300 | Out-Null
        $network = New-DockerNetwork $name -Subnet 10.231.7.0/24 -Label $label
        $network.Name | Should -Be $name
        Get-DockerNetwork -Name $name | Out-String -Width 80 | Should -Match ([regex]::Escape($name))
        Connect-DockerNetwork -Network $name -Container $container
        (Invoke-TestDocker inspect $container | ConvertFrom-Json).NetworkSettings.Networks.$name | Should -Not -BeNullOrEmpty
        Disconnect-DockerNetwork -Network $name -Container $container
        Remove-DockerNetwork -Name $name -WhatIf
        (Get-DockerNetwork -Name $name).Name | Should -Be $name
        Get-DockerNetwork -Name $name | Remove-DockerNetwork
        Get-DockerNetwork -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'New-DockerNetwork applies subnet, gateway, range, -Internal, labels and options as docker network inspect shows; Get- finds by wildcard, label, driver, id and filter' {
        $prefix = New-TestName 'net'
        $a, $b = "$prefix-a", "$prefix-b"
        try {
            $created = New-DockerNetwork $a -Subnet 10.231.0.0/24 -Gateway 10.231.0.1 -IPRange 10.231.0.128/25 -Internal `
                -Label @{ 'psdocker.test' = 'volumes-networks'; tier = 'a' } -Option @{ 'com.docker.network.driver.mtu' = '1400' }
            $created.PSObject.TypeNames[0] | Should -Be 'PSDocker.Model.DockerNetwork'
            $created.Name | Should -Be $a
            $created.Driver | Should -Be 'bridge'
            $created.Scope | Should -Be 'local'
            $created.Internal | Should -BeTrue
            @($created.Subnets).Count | Should -Be 1
            $created.Subnets[0].Subnet | Should -Be '10.231.0.0/24'
            $created.Subnets[0].Gateway | Should -Be '10.231.0.1'
            $created.Subnets[0].IPRange | Should -Be '10.231.0.128/25'
            $created.Labels['tier'] | Should -Be 'a'
            $created.Options['com.docker.network.driver.mtu'] | Should -Be '1400'
            Invoke-TestDocker network inspect -f '{{.Internal}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}} {{.IPRange}}{{end}}' $a |
                Should -Be 'true 10.231.0.0/24 10.231.0.1 10.231.0.128/25'

            Invoke-TestDocker network create --label psdocker.test=volumes-networks --subnet 10.232.0.0/24 $b | Out-Null
            (Get-DockerNetwork "$prefix-*").Name | Should -Be $a, $b
            (Get-DockerNetwork "$prefix-*" -Label 'tier=a' -Driver bridge).Name | Should -Be $a
            $id = Invoke-TestDocker network inspect -f '{{.Id}}' $b
            (Get-DockerNetwork -Id $id.Substring(0, 10) -Filter @{ type = 'custom' }).Name | Should -Be $b

            Get-DockerNetwork "$prefix-nope" -ErrorAction SilentlyContinue -ErrorVariable failed | Should -BeNullOrEmpty
            @($failed).Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -Be 'NetworkNotFound,PSDocker.Commands.Networks.GetDockerNetworkCommand'
            $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failed[0].TargetObject | Should -Be "$prefix-nope"

            Get-DockerNetwork "$prefix-*" | Remove-DockerNetwork -WhatIf
            Test-Network $a | Should -BeTrue
            Test-Network $b | Should -BeTrue
            Get-DockerNetwork "$prefix-*" | Remove-DockerNetwork
            Test-Network $a | Should -BeFalse
            Test-Network $b | Should -BeFalse
        } finally {
            Remove-TestNetwork $a, $b
        }
    }

    It 'Connect- and Disconnect-DockerNetwork bind containers from the pipeline; Get- shows the attachment; removing a network in use is NetworkInUse' {
        $network, $name, $other = (New-TestName 'conn'), (New-TestName 'member'), (New-TestName 'other')
        $memberLabel = "psdocker.test=$(New-TestName 'conn')"
        Invoke-TestDocker network create --label psdocker.test=volumes-networks --subnet 10.233.0.0/24 $network | Out-Null
        $memberId = Invoke-TestDocker run -d --label $memberLabel --name $name $image sleep 60
        Invoke-TestDocker run -d --label $memberLabel --name $other $image sleep 60 | Out-Null
        try {
            Get-DockerContainer -Id $memberId | Connect-DockerNetwork -Network $network -Alias web, api -IPAddress 10.233.0.50
            $attachment = (Invoke-TestDocker inspect $memberId | ConvertFrom-Json).NetworkSettings.Networks.$network
            $attachment.IPAddress | Should -Be '10.233.0.50'
            $attachment.Aliases | Should -Contain 'api'
            $attachment.Aliases | Should -Contain 'web'

            # A name from the pipeline binds too.
            $other | Connect-DockerNetwork $network

            $shown = Get-DockerNetwork $network
            $attached = @($shown.Containers)
            $expected = [string[]] @($name, $other)
            [Array]::Sort($expected, [StringComparer]::Ordinal)
            $attached.Name | Should -Be $expected
            $first = $attached | Where-Object Name -eq $name
            $first.IPv4Address | Should -Be '10.233.0.50/24'
            $first.ContainerId | Should -Be $memberId

            Remove-DockerNetwork $network -ErrorAction SilentlyContinue -ErrorVariable inUse
            @($inUse).Count | Should -Be 1
            $inUse[0].FullyQualifiedErrorId | Should -Be 'NetworkInUse,PSDocker.Commands.Networks.RemoveDockerNetworkCommand'
            $inUse[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $inUse[0].TargetObject | Should -Be $network
            $inUse[0].Exception.Message | Should -Match ([regex]::Escape("'$name'"))
            Test-Network $network | Should -BeTrue

            Get-DockerContainer -Filter @{ label = $memberLabel } | Disconnect-DockerNetwork -Network $network
            Invoke-TestDocker network inspect -f '{{json .Containers}}' $network | Should -Be '{}'

            Disconnect-DockerNetwork $network $name -ErrorAction SilentlyContinue -ErrorVariable notConnected
            @($notConnected).Count | Should -Be 1
            $notConnected[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotConnected,*'
            $notConnected[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $notConnected[0].TargetObject | Should -Be $name
        } finally {
            Invoke-TestDockerUnchecked rm -f $name $other | Out-Null
            Remove-TestNetwork $network
        }
    }

    It 'bad New-DockerNetwork input is <Id> (InvalidArgument) naming <Target>, and makes no network' -TestCases @(
        @{ Arguments = @{ Subnet = '10.235.0.0/33' }; Id = 'InvalidSubnet'; Target = '10.235.0.0/33' }
        @{ Arguments = @{ Subnet = '10.235.0/24' }; Id = 'InvalidSubnet'; Target = '10.235.0/24' }
        @{ Arguments = @{ Subnet = 'nonsense' }; Id = 'InvalidSubnet'; Target = 'nonsense' }
        @{ Arguments = @{ Subnet = '10.235.0.0/24'; Gateway = '10.236.0.1' }; Id = 'InvalidGateway'; Target = '10.236.0.1' }
        @{ Arguments = @{ Subnet = '10.235.0.0/24'; Gateway = '10.235.0.300' }; Id = 'InvalidGateway'; Target = '10.235.0.300' }
        @{ Arguments = @{ Subnet = '10.235.0.0/24'; IPRange = '10.235.1.0/25' }; Id = 'InvalidIPRange'; Target = '10.235.1.0/25' }
        @{ Arguments = @{ Gateway = '10.235.0.1' }; Id = 'InvalidGateway'; Target = '10.235.0.1' }
        @{ Arguments = @{ Subnet = '10.235.0.0/24', '10.235.0.0/16' }; Id = 'InvalidSubnet'; Target = '10.235.0.0/16' }
        @{ Arguments = @{ Driver = 'Bad Driver!' }; Id = 'InvalidNetworkDriver'; Target = 'Bad Driver!' }
    ) {
        param($Arguments, $Id, $Target)
        $before = Get-NetworkCount
        $caught = $null
        try { New-DockerNetwork psdt-bad @Arguments -ErrorAction Stop } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be "$Id,PSDocker.Commands.Networks.NewDockerNetworkCommand"
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.TargetObject | Should -Be $Target
        Get-NetworkCount | Should -Be $before
        Test-Network 'psdt-bad' | Should -BeFalse
    }

    It 'overlap, duplicates, missing containers and networks, and predefined networks are specific errors that change nothing' {
        $held = New-TestName 'held'
        Invoke-TestDocker network create --label psdocker.test=volumes-networks --subnet 10.234.0.0/16 $held | Out-Null
        $present = Invoke-TestDocker create --label psdocker.test=volumes-networks $image
        $before = Get-NetworkCount
        try {
            { Connect-DockerNetwork $held psdt-x -IPAddress 10.234.1 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidIPAddress,*'

            $caught = $null
            try { New-DockerNetwork psdt-overlap -Subnet 10.234.5.0/24 -ErrorAction Stop } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -Be 'NetworkSubnetOverlap,PSDocker.Commands.Networks.NewDockerNetworkCommand'
            $caught.CategoryInfo.Category | Should -Be 'ResourceExists'
            $caught.TargetObject | Should -Be '10.234.5.0/24'
            $caught.Exception.Message | Should -Match ([regex]::Escape("'$held'"))

            $caught = $null
            try { New-DockerNetwork $held -Subnet 10.238.0.0/24 -ErrorAction Stop } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -Be 'NetworkAlreadyExists,PSDocker.Commands.Networks.NewDockerNetworkCommand'
            $caught.CategoryInfo.Category | Should -Be 'ResourceExists'
            $caught.TargetObject | Should -Be $held

            # Two missing containers: two non-terminating errors, the cmdlet goes on.
            Connect-DockerNetwork $held psdt-no-such-container, psdt-no-such-either -ErrorAction SilentlyContinue -ErrorVariable missing
            @($missing).Count | Should -Be 2
            $missing[0].FullyQualifiedErrorId | Should -Be 'ContainerNotFound,PSDocker.Commands.Networks.ConnectDockerNetworkCommand'
            $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $missing[0].TargetObject | Should -Be 'psdt-no-such-container'
            $missing[1].TargetObject | Should -Be 'psdt-no-such-either'

            $caught = $null
            try { Connect-DockerNetwork psdt-no-such-network $present -ErrorAction Stop } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -Be 'NetworkNotFound,PSDocker.Commands.Networks.ConnectDockerNetworkCommand'
            $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $caught.TargetObject | Should -Be 'psdt-no-such-network'
            # The engine itself would have recorded the missing network in the stopped container's configuration.
            Invoke-TestDocker inspect -f '{{json .NetworkSettings.Networks}}' $present | Should -Not -Match 'psdt-no-such-network'

            Remove-DockerNetwork psdt-no-such-network -ErrorAction SilentlyContinue -ErrorVariable removeMissing
            @($removeMissing).Count | Should -Be 1
            $removeMissing[0].FullyQualifiedErrorId | Should -Be 'NetworkNotFound,PSDocker.Commands.Networks.RemoveDockerNetworkCommand'
            Remove-DockerNetwork none -ErrorAction SilentlyContinue -ErrorVariable predefined
            @($predefined).Count | Should -Be 1
            $predefined[0].FullyQualifiedErrorId | Should -Be 'NetworkPredefined,PSDocker.Commands.Networks.RemoveDockerNetworkCommand'
            $predefined[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            Test-Network none | Should -BeTrue

            # No partial change: no network was made, the held one has nothing attached and is still one network.
            Get-NetworkCount | Should -Be $before
            Test-Network psdt-overlap | Should -BeFalse
            Invoke-TestDocker network inspect -f '{{json .Containers}}' $held | Should -Be '{}'
            @(Invoke-TestDocker network ls -q --filter "name=^$held`$").Count | Should -Be 1
        } finally {
            Invoke-TestDockerUnchecked rm -f $present | Out-Null
            Remove-TestNetwork $held, psdt-overlap
        }
    }

    It 'typed errors: <Id>' -TestCases @(
        @{ Script = { Get-DockerNetwork -Name 'pester-no-such-network' -ErrorAction Stop }; Id = 'NetworkNotFound' }
        @{ Script = { Remove-DockerNetwork -Name 'pester-no-such-network' -ErrorAction Stop }; Id = 'NetworkNotFound' }
        @{ Script = { New-DockerNetwork -Name (New-TestName 'n') -Subnet 'not-a-cidr' -ErrorAction Stop }; Id = 'InvalidSubnet' }
        @{ Script = { Connect-DockerNetwork -Network 'pester-no-such-network' -Container 'pester-none' -ErrorAction Stop }; Id = '*NotFound' }
        @{ Script = { Disconnect-DockerNetwork -Network 'pester-no-such-network' -Container 'pester-none' -ErrorAction Stop }; Id = '*NotFound' }
    ) {
        param($Script, $Id)
        $Script | Should -Throw -ErrorId "$Id,*"
    }
}

Describe 'Unknown drivers' {
    It 'an unknown network or volume driver is NetworkDriverNotFound / VolumeDriverNotFound (ObjectNotFound) and creates nothing' {
        $networks = Get-NetworkCount
        # The engine looks for a plugin of that name for 15 s before it gives up: both at once.
        $job = Start-ThreadJob {
            try { New-DockerNetwork psdt-nodriver -Driver psdt-no-such-driver -Subnet 10.237.0.0/24 -ErrorAction Stop } catch { $_ }
        }
        try {
            $volumeError = $null
            try { New-DockerVolume psdt-nodriver -Driver psdt-no-such-driver -ErrorAction Stop } catch { $volumeError = $_ }
            $networkError = $job | Receive-Job -Wait -AutoRemoveJob
        } finally {
            Remove-TestNetwork psdt-nodriver
            Invoke-TestDockerUnchecked volume rm psdt-nodriver | Out-Null
        }
        $networkError | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $networkError.FullyQualifiedErrorId | Should -Be 'NetworkDriverNotFound,PSDocker.Commands.Networks.NewDockerNetworkCommand'
        $networkError.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $networkError.TargetObject | Should -Be 'psdt-no-such-driver'
        $volumeError.FullyQualifiedErrorId | Should -Be 'VolumeDriverNotFound,PSDocker.Commands.Volumes.NewDockerVolumeCommand'
        $volumeError.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $volumeError.TargetObject | Should -Be 'psdt-no-such-driver'
        Get-NetworkCount | Should -Be $networks
        Test-Volume psdt-nodriver | Should -BeFalse
    }
}

Describe 'Bulk removal side by side (-ThrottleLimit)' {
    It 'Remove-DockerVolume removes many at once; one error per missing or used volume, in input order; -WhatIf keeps all; nothing else touched' {
        $ErrorActionPreference = 'Continue'
        $batch = New-TestName 'bulkvol'
        $names = 1..8 | ForEach-Object { "$batch-$_" }
        foreach ($n in $names) { Invoke-TestDocker volume create --label psdocker.test=volumes-networks $n | Out-Null }
        $decoy = New-TestName 'decoyvol'
        Invoke-TestDocker volume create --label psdocker.test=volumes-networks $decoy | Out-Null
        $user = New-TestName 'voluser'
        Invoke-TestDocker create --label psdocker.test=volumes-networks --name $user -v "$($names[5]):/data" $image | Out-Null

        $names | Remove-DockerVolume -WhatIf -ThrottleLimit 4
        $names | ForEach-Object { Test-Volume $_ | Should -BeTrue }

        $pipeline = @($names[0..2]) + 'pester-missing-vol-1' + @($names[3..7]) + 'pester-missing-vol-2'
        $pipeline | Remove-DockerVolume -ThrottleLimit 4 -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 3
        $failed.TargetObject | Should -Be 'pester-missing-vol-1', $names[5], 'pester-missing-vol-2'
        $failed.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Should -Be 'VolumeNotFound', 'VolumeInUse', 'VolumeNotFound'
        $failed[1].Exception.Message | Should -BeLike "*'$user'*"
        $names | Where-Object { Test-Volume $_ } | Should -Be $names[5]
        Test-Volume $decoy | Should -BeTrue
        Invoke-TestDocker rm $user | Out-Null
        $names[5], $decoy | Remove-DockerVolume -ThrottleLimit 1
        Test-Volume $names[5] | Should -BeFalse
    }

    It 'Remove-DockerNetwork removes many at once; one error per missing or used network, in input order; nothing else touched' {
        $ErrorActionPreference = 'Continue'
        $batch = New-TestName 'bulknet'
        $names = 0..4 | ForEach-Object { "$batch-$_" }
        foreach ($i in 0..4) { Invoke-TestDocker network create --label psdocker.test=volumes-networks --subnet "10.239.$i.0/24" $names[$i] | Out-Null }
        $user = New-TestName 'netuser'
        Invoke-TestDocker run -d --label psdocker.test=volumes-networks --network $names[2] --name $user $image sleep 300 | Out-Null
        try {
            $networksBefore = Get-NetworkCount
            $names | Remove-DockerNetwork -WhatIf -ThrottleLimit 3
            Get-NetworkCount | Should -Be $networksBefore

            $pipeline = @($names[0..1]) + 'pester-missing-net' + @($names[2..4])
            $pipeline | Remove-DockerNetwork -ThrottleLimit 3 -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed.Count | Should -Be 2
            $failed.TargetObject | Should -Be 'pester-missing-net', $names[2]
            $failed.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Should -Be 'NetworkNotFound', 'NetworkInUse'
            $failed[1].Exception.Message | Should -BeLike "*'$user'*"
            $names | Where-Object { Test-Network $_ } | Should -Be $names[2]
            Get-NetworkCount | Should -Be ($networksBefore - 4)
        }
        finally {
            Invoke-TestDockerUnchecked rm -f $user | Out-Null
            Remove-TestNetwork $names
        }
    }
}
