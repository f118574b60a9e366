"""Architectures exported to TorchScript for imagesearch (torch 1.13, Debian python3-torch).

File contract (docs/decisions/0002-embedding.md):
  VGG16: forward(x: float32[N,3,224,224]) -> float32[N,512], global average pool of `features` (pool5).
  CLIP:  one module with get_image_features(pixel_values[N,3,224,224]) -> [N,512] and
         get_text_features(input_ids: int64[N,L], attention_mask: int64[N,L]) -> [N,512].

The CLIP classes mirror openai/CLIP's model.py parameter names, so the OpenAI ViT-B/32
state_dict loads into `Clip` unchanged (see export_pretrained.py).
"""
from collections import OrderedDict
from typing import List

import torch
import torch.nn.functional as F
from torch import nn


class VggPool5(nn.Module):
    """VGG `features` followed by a global average pool: [N,3,224,224] -> [N,512]."""

    def __init__(self, features: nn.Module):
        super().__init__()
        self.features = features

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.flatten(F.adaptive_avg_pool2d(self.features(x), 1), 1)


def vgg16_features() -> nn.Module:
    import torchvision

    return torchvision.models.vgg16(weights=None).features


def tiny_vgg_features() -> nn.Module:
    """A five-stage VGG-like stack ending in 512 channels (tens of kB of weights)."""
    layers: List[nn.Module] = []
    channels = [3, 8, 16, 32, 64]
    for c_in, c_out in zip(channels[:-1], channels[1:]):
        layers += [nn.Conv2d(c_in, c_out, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2, 2)]
    layers += [nn.Conv2d(64, 512, 1), nn.ReLU(inplace=True), nn.MaxPool2d(2, 2)]
    return nn.Sequential(*layers)


class QuickGELU(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.sigmoid(1.702 * x)


class ResidualAttentionBlock(nn.Module):
    def __init__(self, d_model: int, n_head: int):
        super().__init__()
        self.attn = nn.MultiheadAttention(d_model, n_head)
        self.ln_1 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(
            OrderedDict(
                [
                    ("c_fc", nn.Linear(d_model, d_model * 4)),
                    ("gelu", QuickGELU()),
                    ("c_proj", nn.Linear(d_model * 4, d_model)),
                ]
            )
        )
        self.ln_2 = nn.LayerNorm(d_model)

    def forward(self, x: torch.Tensor, attn_mask: torch.Tensor) -> torch.Tensor:
        y = self.ln_1(x)
        x = x + self.attn(y, y, y, need_weights=False, attn_mask=attn_mask)[0]
        return x + self.mlp(self.ln_2(x))


class Transformer(nn.Module):
    def __init__(self, width: int, layers: int, heads: int):
        super().__init__()
        self.width = width
        self.layers = layers
        self.resblocks = nn.ModuleList([ResidualAttentionBlock(width, heads) for _ in range(layers)])

    def forward(self, x: torch.Tensor, attn_mask: torch.Tensor) -> torch.Tensor:
        for block in self.resblocks:
            x = block(x, attn_mask)
        return x


class VisionTransformer(nn.Module):
    def __init__(self, input_resolution: int, patch_size: int, width: int, layers: int, heads: int, output_dim: int):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, kernel_size=patch_size, stride=patch_size, bias=False)
        scale = width**-0.5
        self.class_embedding = nn.Parameter(scale * torch.randn(width))
        self.positional_embedding = nn.Parameter(scale * torch.randn((input_resolution // patch_size) ** 2 + 1, width))
        self.ln_pre = nn.LayerNorm(width)
        self.transformer = Transformer(width, layers, heads)
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Parameter(scale * torch.randn(width, output_dim))
        self.register_buffer("no_mask", torch.zeros(0), persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv1(x)
        x = x.reshape(x.shape[0], x.shape[1], -1).permute(0, 2, 1)
        cls = self.class_embedding.to(x.dtype) + torch.zeros(x.shape[0], 1, x.shape[-1], dtype=x.dtype, device=x.device)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding.to(x.dtype)
        x = self.ln_pre(x).permute(1, 0, 2)
        x = self.transformer(x, torch.zeros(x.shape[0], x.shape[0], dtype=x.dtype, device=x.device))
        x = self.ln_post(x.permute(1, 0, 2)[:, 0, :])
        return x @ self.proj


class Clip(nn.Module):
    """CLIP (ViT image tower + causal text transformer) with openai/CLIP parameter names."""

    def __init__(
        self,
        embed_dim: int = 512,
        image_resolution: int = 224,
        vision_layers: int = 12,
        vision_width: int = 768,
        vision_patch_size: int = 32,
        context_length: int = 77,
        vocab_size: int = 49408,
        transformer_width: int = 512,
        transformer_heads: int = 8,
        transformer_layers: int = 12,
    ):
        super().__init__()
        self.context_length = context_length
        self.visual = VisionTransformer(
            image_resolution, vision_patch_size, vision_width, vision_layers, max(1, vision_width // 64), embed_dim
        )
        self.transformer = Transformer(transformer_width, transformer_layers, transformer_heads)
        self.vocab_size = vocab_size
        self.token_embedding = nn.Embedding(vocab_size, transformer_width)
        self.positional_embedding = nn.Parameter(torch.empty(context_length, transformer_width))
        self.ln_final = nn.LayerNorm(transformer_width)
        self.text_projection = nn.Parameter(torch.empty(transformer_width, embed_dim))
        self.logit_scale = nn.Parameter(torch.ones([]) * 4.6052)
        mask = torch.empty(context_length, context_length).fill_(float("-inf")).triu_(1)
        self.register_buffer("causal_mask", mask, persistent=False)
        self.initialize_parameters()

    def initialize_parameters(self) -> None:
        """openai/CLIP's initialisation, so seeded stand-ins have realistic activation scales."""
        nn.init.normal_(self.token_embedding.weight, std=0.02)
        nn.init.normal_(self.positional_embedding, std=0.01)
        width = self.transformer.width
        proj_std = (width**-0.5) * ((2 * self.transformer.layers) ** -0.5)
        attn_std = width**-0.5
        fc_std = (2 * width) ** -0.5
        for block in self.transformer.resblocks:
            nn.init.normal_(block.attn.in_proj_weight, std=attn_std)
            nn.init.normal_(block.attn.out_proj.weight, std=proj_std)
            nn.init.normal_(block.mlp.c_fc.weight, std=fc_std)
            nn.init.normal_(block.mlp.c_proj.weight, std=proj_std)
        nn.init.normal_(self.text_projection, std=width**-0.5)

    def forward(self, pixel_values: torch.Tensor) -> torch.Tensor:
        return self.get_image_features(pixel_values)

    @torch.jit.export
    def get_image_features(self, pixel_values: torch.Tensor) -> torch.Tensor:
        return self.visual(pixel_values)

    @torch.jit.export
    def get_text_features(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        # The mask is causal, so padding after the end token never reaches the pooled position;
        # attention_mask is part of the interface (Hugging Face CLIPModel) and needs no further use.
        seq = input_ids.shape[1]
        x = self.token_embedding(input_ids) + self.positional_embedding[:seq]
        x = self.transformer(x.permute(1, 0, 2), self.causal_mask[:seq, :seq])
        x = self.ln_final(x.permute(1, 0, 2))
        # The end token (49407) has the highest id: pool at its first occurrence, as CLIP does.
        eot = input_ids.argmax(dim=-1)
        return x[torch.arange(x.shape[0]), eot] @ self.text_projection


def clip_vit_b32() -> Clip:
    return Clip()


def tiny_clip() -> Clip:
    """Same interface and 49408-token vocabulary, a few hundred kB of weights."""
    return Clip(
        vision_layers=1,
        vision_width=32,
        vision_patch_size=32,
        transformer_width=8,
        transformer_heads=2,
        transformer_layers=1,
    )


class DistilBertEmbeddings(nn.Module):
    def __init__(self, vocab_size: int, dim: int, max_positions: int):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.position_embeddings = nn.Embedding(max_positions, dim)
        self.LayerNorm = nn.LayerNorm(dim, eps=1e-12)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], dtype=torch.long, device=input_ids.device)
        return self.LayerNorm(self.word_embeddings(input_ids) + self.position_embeddings(positions).unsqueeze(0))


class DistilBertAttention(nn.Module):
    def __init__(self, dim: int, n_heads: int):
        super().__init__()
        self.n_heads = n_heads
        self.float_min = float(torch.finfo(torch.float32).min)
        self.q_lin = nn.Linear(dim, dim)
        self.k_lin = nn.Linear(dim, dim)
        self.v_lin = nn.Linear(dim, dim)
        self.out_lin = nn.Linear(dim, dim)

    def split(self, t: torch.Tensor) -> torch.Tensor:
        n, length, dim = t.shape
        return t.view(n, length, self.n_heads, dim // self.n_heads).transpose(1, 2)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        n, length, dim = x.shape
        q = self.split(self.q_lin(x)) / ((dim // self.n_heads) ** 0.5)
        scores = q @ self.split(self.k_lin(x)).transpose(2, 3)
        # Padding keys get the lowest float, as transformers' DistilBERT does.
        scores = scores.masked_fill((mask == 0).view(n, 1, 1, length), self.float_min)
        context = torch.softmax(scores, dim=-1) @ self.split(self.v_lin(x))
        return self.out_lin(context.transpose(1, 2).reshape(n, length, dim))


class DistilBertFfn(nn.Module):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.lin1 = nn.Linear(dim, hidden)
        self.lin2 = nn.Linear(hidden, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.lin2(F.gelu(self.lin1(x)))


class DistilBertBlock(nn.Module):
    """Post-norm block with Hugging Face DistilBERT parameter names."""

    def __init__(self, dim: int, n_heads: int, hidden: int):
        super().__init__()
        self.attention = DistilBertAttention(dim, n_heads)
        self.sa_layer_norm = nn.LayerNorm(dim, eps=1e-12)
        self.ffn = DistilBertFfn(dim, hidden)
        self.output_layer_norm = nn.LayerNorm(dim, eps=1e-12)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.sa_layer_norm(self.attention(x, mask) + x)
        return self.output_layer_norm(self.ffn(x) + x)


class DistilBertTransformer(nn.Module):
    def __init__(self, dim: int, n_layers: int, n_heads: int, hidden: int):
        super().__init__()
        self.layer = nn.ModuleList([DistilBertBlock(dim, n_heads, hidden) for _ in range(n_layers)])

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        for block in self.layer:
            x = block(x, mask)
        return x


class DistilBert(nn.Module):
    def __init__(self, vocab_size: int, dim: int, n_layers: int, n_heads: int, hidden: int, max_positions: int):
        super().__init__()
        self.embeddings = DistilBertEmbeddings(vocab_size, dim, max_positions)
        self.transformer = DistilBertTransformer(dim, n_layers, n_heads, hidden)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.transformer(self.embeddings(input_ids), attention_mask)


class Dense(nn.Module):
    """sentence-transformers' Dense module with bias=False and the Identity activation."""

    def __init__(self, in_features: int, out_features: int):
        super().__init__()
        self.linear = nn.Linear(in_features, out_features, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(x)


class MultilingualClipText(nn.Module):
    """sentence-transformers clip-ViT-B-32-multilingual-v1: DistilBERT, mean pooling, Dense 768->512.

    The state_dict keys are the checkpoint's with module prefixes: `bert.` for 0_Transformer
    (DistilBertModel) and `dense.` for 2_Dense (see export_pretrained.py). Same text interface as Clip:
    get_text_features(input_ids, attention_mask) -> [N,512], in CLIP ViT-B/32's image space.
    """

    def __init__(
        self,
        vocab_size: int = 119547,
        dim: int = 768,
        n_layers: int = 6,
        n_heads: int = 12,
        hidden: int = 3072,
        max_positions: int = 512,
        embed_dim: int = 512,
    ):
        super().__init__()
        self.bert = DistilBert(vocab_size, dim, n_layers, n_heads, hidden, max_positions)
        self.dense = Dense(dim, embed_dim)
        for module in self.modules():
            # transformers' DistilBERT initialisation (initializer_range 0.02), for realistic scales.
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, std=0.02)
        self.bert.embeddings.word_embeddings.weight.data[0].zero_()

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.get_text_features(input_ids, attention_mask)

    @torch.jit.export
    def get_text_features(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        tokens = self.bert(input_ids, attention_mask)
        # Mean pooling over real tokens only, as sentence-transformers' Pooling (mean) does.
        mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
        pooled = (tokens * mask).sum(dim=1) / torch.clamp(mask.sum(dim=1), min=1e-9)
        return self.dense(pooled)


def multilingual_clip_text() -> MultilingualClipText:
    return MultilingualClipText()


def tiny_multilingual_clip_text(vocab_size: int) -> MultilingualClipText:
    """Same interface, tokenizer and 512 positions; tens of kB of weights beyond the vocabulary."""
    return MultilingualClipText(vocab_size=vocab_size, dim=32, n_layers=2, n_heads=2, hidden=64)
