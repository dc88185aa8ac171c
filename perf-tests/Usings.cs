global using Xunit;
global using Xunit.Abstractions;
global using VirtPerf.Rows;
