"""The bf16 variants of the architectures: the same file contract, fp32 in and out, bf16 inside.

Kept out of architectures.py on purpose: TorchScript debug info records source line numbers, so
editing that file would change the bytes of the committed fp32 stand-ins.

What stays fp32 was measured on the tiny stand-ins' parity images (centred cosine against fp32,
target >= 0.995): VGG16 all bf16 but its final average pool 0.996 (bf16 pool: 0.987); CLIP all
bf16 0.984, attention and MLP in bf16 with the residual stream and LayerNorms in fp32 0.999 (as
autocast does). The fp32 parts are a small share of the work.
"""
import copy

import torch
import torch.nn.functional as F
from torch import nn

from architectures import Clip, MultilingualClipText, ResidualAttentionBlock, VggPool5


class Bf16Vgg(nn.Module):
    """bf16 convolutions run on oneDNN's avx512_bf16/AMX kernels; channels_last weights and input
    spare oneDNN a layout conversion per convolution (NCHW input costs 39 per VGG16 batch)."""

    def __init__(self, vgg: VggPool5):
        super().__init__()
        self.features = copy.deepcopy(vgg.features).to(torch.bfloat16).to(memory_format=torch.channels_last)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.to(torch.bfloat16).contiguous(memory_format=torch.channels_last)
        return torch.flatten(F.adaptive_avg_pool2d(self.features(x).float(), 1), 1)


class Bf16Block(nn.Module):
    """A ResidualAttentionBlock with attention and MLP in bf16, residual stream and norms in fp32."""

    def __init__(self, block: ResidualAttentionBlock):
        super().__init__()
        self.ln_1 = copy.deepcopy(block.ln_1)
        self.attn = copy.deepcopy(block.attn).to(torch.bfloat16)
        self.ln_2 = copy.deepcopy(block.ln_2)
        self.mlp = copy.deepcopy(block.mlp).to(torch.bfloat16)

    def forward(self, x: torch.Tensor, attn_mask: torch.Tensor) -> torch.Tensor:
        y = self.ln_1(x).to(torch.bfloat16)
        mask = attn_mask.to(torch.bfloat16)
        x = x + self.attn(y, y, y, need_weights=False, attn_mask=mask)[0].float()
        return x + self.mlp(self.ln_2(x).to(torch.bfloat16)).float()


class Bf16Clip(nn.Module):
    """Both towers' transformer blocks as Bf16Block; embeddings and projections stay fp32."""

    def __init__(self, clip: Clip):
        super().__init__()
        self.clip = copy.deepcopy(clip)
        for transformer in (self.clip.visual.transformer, self.clip.transformer):
            blocks = [Bf16Block(block) for block in transformer.resblocks]
            transformer.resblocks = nn.ModuleList(blocks)

    def forward(self, pixel_values: torch.Tensor) -> torch.Tensor:
        return self.get_image_features(pixel_values)

    @torch.jit.export
    def get_image_features(self, pixel_values: torch.Tensor) -> torch.Tensor:
        return self.clip.get_image_features(pixel_values)

    @torch.jit.export
    def get_text_features(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.clip.get_text_features(input_ids, attention_mask)


# The fp16 variants, for GPUs (tensor cores); appended below the bf16 classes so that their source
# lines, and so the bf16 files' debug info, stay as they were. The same split as bf16: fp32 where
# bf16 needed it (VGG16's final pool; CLIP's residual stream, LayerNorms, embeddings, projections).
class Fp16Vgg(nn.Module):
    """fp16 convolutions in channels_last, the layout tensor cores read without a transpose."""

    def __init__(self, vgg: VggPool5):
        super().__init__()
        self.features = copy.deepcopy(vgg.features).to(torch.float16).to(memory_format=torch.channels_last)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.to(torch.float16).contiguous(memory_format=torch.channels_last)
        return torch.flatten(F.adaptive_avg_pool2d(self.features(x).float(), 1), 1)


class Fp16Block(nn.Module):
    """A ResidualAttentionBlock with attention and MLP in fp16, residual stream and norms in fp32."""

    def __init__(self, block: ResidualAttentionBlock):
        super().__init__()
        self.ln_1 = copy.deepcopy(block.ln_1)
        self.attn = copy.deepcopy(block.attn).to(torch.float16)
        self.ln_2 = copy.deepcopy(block.ln_2)
        self.mlp = copy.deepcopy(block.mlp).to(torch.float16)

    def forward(self, x: torch.Tensor, attn_mask: torch.Tensor) -> torch.Tensor:
        y = self.ln_1(x).to(torch.float16)
        mask = attn_mask.to(torch.float16)
        x = x + self.attn(y, y, y, need_weights=False, attn_mask=mask)[0].float()
        return x + self.mlp(self.ln_2(x).to(torch.float16)).float()


class Fp16Clip(Bf16Clip):
    """Bf16Clip's structure with Fp16Block."""

    def __init__(self, clip: Clip):
        nn.Module.__init__(self)
        self.clip = copy.deepcopy(clip)
        for transformer in (self.clip.visual.transformer, self.clip.transformer):
            transformer.resblocks = nn.ModuleList([Fp16Block(block) for block in transformer.resblocks])


# The multilingual text encoder's variants, appended last for the same reason as fp16's. Its
# attention and FFN linears, most of the work, run in half precision; the residual stream,
# LayerNorms, attention scores, embeddings and the Dense projection stay fp32, CLIP's split.
# Centred cosine against fp32 on the full-size stand-in: 0.99997 (bf16).
class HalfLinear(nn.Module):
    """A Linear whose weights and product are in `dtype`, with fp32 in and out."""

    def __init__(self, linear: nn.Linear, dtype: torch.dtype):
        super().__init__()
        self.linear = copy.deepcopy(linear).to(dtype)
        self.dtype = dtype

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(x.to(self.dtype)).float()


class HalfMultilingual(nn.Module):
    """MultilingualClipText with every attention and FFN linear as a HalfLinear."""

    def __init__(self, model: MultilingualClipText, dtype: torch.dtype):
        super().__init__()
        self.model = copy.deepcopy(model)
        for block in self.model.bert.transformer.layer:
            attention, ffn = block.attention, block.ffn
            for name in ("q_lin", "k_lin", "v_lin", "out_lin"):
                setattr(attention, name, HalfLinear(getattr(attention, name), dtype))
            ffn.lin1, ffn.lin2 = HalfLinear(ffn.lin1, dtype), HalfLinear(ffn.lin2, dtype)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.get_text_features(input_ids, attention_mask)

    @torch.jit.export
    def get_text_features(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model.get_text_features(input_ids, attention_mask)


def bf16_multilingual(model: MultilingualClipText) -> HalfMultilingual:
    return HalfMultilingual(model, torch.bfloat16)


def fp16_multilingual(model: MultilingualClipText) -> HalfMultilingual:
    return HalfMultilingual(model, torch.float16)
