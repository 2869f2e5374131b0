# Volumes and networks: create, list, connect, remove, with -WhatIf and typed errors.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $label = @{ (Get-TestLabel) = 'volumes-networks' }
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
