using Google.Protobuf;
using Grpc.Core;

namespace VaultPlugin.Sdk.GoPlugin;

/// <summary>The gRPC marshaller protoc's C# plugin generates for a message: buffer writer out, sequence in.</summary>
internal static class ProtobufMarshaller
{
    public static Marshaller<T> For<T>(MessageParser<T> parser) where T : IMessage<T> =>
        Marshallers.Create<T>(
            (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));
}
