using System;
using SourceGen.Kernels;

float[] x = new float[100];
for (int i = 0; i < x.Length; i++) x[i] = (i - 50) / 10f;
float[] y = new float[100];
Activations.Sigmoid(x, y);
Console.WriteLine($"sigmoid(0) = {y[50]}, sigmoid(2) = {y[70]} (scalar {Activations.Sigmoid(2f)})");
