# Builds the Windows bundle and installer of Assessor Workbench:
#   dist\workbench\                                          the one-folder application
#   dist\assessor-workbench-VERSION-windows-x64-setup.exe    the installer (Inno Setup 6)
#
# Needs Python 3.11+ for Windows x64 (python.org or `winget install Python.Python.3.12`) and
# Inno Setup 6 (`winget install JRSoftware.InnoSetup`). From the repository, in PowerShell:
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Options: -Clean (rebuild from scratch), -Python C:\path\python.exe, -NoInstaller.
param(
    [switch]$Clean,
    [switch]$NoInstaller,
    [string]$Python = ""
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Started = Get-Date
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed (exit $LASTEXITCODE)" }
}

# A build environment of its own under build\ (git-ignored), separate from any Linux .venv.
if (-not $Python) {
    if (Get-Command py -ErrorAction SilentlyContinue) { $Python = (& py -3 -c "import sys; print(sys.executable)") }
    elseif (Get-Command python -ErrorAction SilentlyContinue) { $Python = (Get-Command python).Source }
    else { throw "Python 3.11 or later is needed: winget install Python.Python.3.12" }
}
$Venv = Join-Path $Root "build\venv-windows"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
if ($Clean -and (Test-Path $Venv)) { Remove-Item -Recurse -Force $Venv }
if (-not (Test-Path $VenvPython)) { Invoke-Checked $Python @("-m", "venv", $Venv) }
Invoke-Checked $VenvPython @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Invoke-Checked $VenvPython @("-m", "pip", "install", "--quiet", "--upgrade", ".", "pyinstaller")
$Version = (& $VenvPython -c "from importlib.metadata import version; print(version('assessor-workbench'))").Trim()
Write-Host "Building Assessor Workbench $Version for Windows ..."

$PyInstallerArgs = @("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                     "--distpath", (Join-Path $Root "dist"),
                     "--workpath", (Join-Path $Root "build\pyinstaller-windows"))
if ($Clean) { $PyInstallerArgs += "--clean" }
Invoke-Checked $VenvPython ($PyInstallerArgs + @("packaging\workbench.spec"))

$Bundle = Join-Path $Root "dist\workbench"
$Reported = (& (Join-Path $Bundle "workbench.exe") --version).Trim()
if ($Reported -ne "workbench $Version") { throw "the built program reports '$Reported', not $Version" }
$Size = (Get-ChildItem $Bundle -Recurse -File | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("Bundle: {0} ({1:N1} MB), built in {2:N0} s" -f $Bundle, $Size, ((Get-Date) - $Started).TotalSeconds)

if ($NoInstaller) { exit 0 }
$Iscc = @(
    (Get-Command iscc -ErrorAction SilentlyContinue | ForEach-Object { $_.Source }),
    (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
    (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
    (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
) | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
if (-not $Iscc) { throw "Inno Setup 6 is needed for the installer: winget install JRSoftware.InnoSetup (or pass -NoInstaller)" }
Invoke-Checked $Iscc @("/Q", "/DAppVersion=$Version", "/DSourceDir=$Bundle",
                       "/DOutputDir=$(Join-Path $Root 'dist')", "packaging\windows\workbench.iss")
$Setup = Join-Path $Root "dist\assessor-workbench-$Version-windows-x64-setup.exe"
Write-Host ("Installer: {0} ({1:N1} MB); done in {2:N0} s" -f $Setup, ((Get-Item $Setup).Length / 1MB), ((Get-Date) - $Started).TotalSeconds)
